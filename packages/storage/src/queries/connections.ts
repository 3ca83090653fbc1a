import { and, asc, eq, gt, sql } from "drizzle-orm";
import { type Executor, orm, rows } from "../db.ts";
import { type ConnectionStatus, terraUsers } from "../schema/terra-users.ts";

export type Connection = typeof terraUsers.$inferSelect;

/** The provider of a connection first seen through an event that did not name it. */
export const UNKNOWN_PROVIDER = "UNKNOWN";

export interface UpsertConnectionArgs {
  userId: string;
  /** Null or absent: keep the stored provider (a new connection gets UNKNOWN_PROVIDER). */
  provider?: string | null;
  referenceId?: string | null;
  scopes?: string | null;
  /** Default active (an auth or a data event for the user). */
  status?: ConnectionStatus;
  statusReason?: string | null;
  at?: Date;
  /** Sets connected_at (an auth event); otherwise only last_event_at moves. */
  connected?: boolean;
}

/**
 * Creates or refreshes a connection. Given fields overwrite stored ones; absent optional fields
 * (undefined) keep what is stored, so a data event carrying a bare user does not erase the scopes.
 */
export async function upsertConnection(ex: Executor, args: UpsertConnectionArgs): Promise<Connection> {
  const at = args.at ?? new Date();
  const status = args.status ?? "active";
  const set: Record<string, unknown> = {
    updatedAt: at,
    lastEventAt: at,
  };
  if (args.provider) set.provider = args.provider;
  if (args.referenceId !== undefined) set.referenceId = args.referenceId;
  if (args.scopes !== undefined) set.scopes = args.scopes;
  if (args.status !== undefined) {
    set.status = status;
    set.active = status === "active";
    set.statusReason = args.statusReason ?? null;
  }
  if (args.connected) {
    set.connectedAt = at;
    set.status = status;
    set.active = status === "active";
    set.deauthorizedAt = null;
  }
  const r = await orm(ex)
    .insert(terraUsers)
    .values({
      userId: args.userId,
      provider: args.provider || UNKNOWN_PROVIDER,
      referenceId: args.referenceId ?? null,
      scopes: args.scopes ?? null,
      status,
      active: status === "active",
      statusReason: args.statusReason ?? null,
      createdAt: at,
      updatedAt: at,
      connectedAt: args.connected ? at : null,
      lastEventAt: at,
    })
    .onConflictDoUpdate({ target: terraUsers.userId, set })
    .returning();
  return r[0]!;
}

/** Deauth, revocation, connection error, or back to active. Returns false for an unknown user. */
export async function setConnectionStatus(
  ex: Executor,
  args: { userId: string; status: ConnectionStatus; reason?: string | null; at?: Date },
): Promise<boolean> {
  const at = args.at ?? new Date();
  const r = await orm(ex)
    .update(terraUsers)
    .set({
      status: args.status,
      active: args.status === "active",
      statusReason: args.reason ?? null,
      updatedAt: at,
      lastEventAt: at,
      ...(args.status === "deauthorized" || args.status === "revoked" ? { deauthorizedAt: at } : {}),
    })
    .where(eq(terraUsers.userId, args.userId))
    .returning({ userId: terraUsers.userId });
  return r.length > 0;
}

export async function getConnection(ex: Executor, userId: string): Promise<Connection | null> {
  const r = await orm(ex).select().from(terraUsers).where(eq(terraUsers.userId, userId));
  return r[0] ?? null;
}

export interface ListConnectionsArgs {
  status?: ConnectionStatus;
  provider?: string;
  referenceId?: string;
  /** The previous page's nextCursor (a user id). */
  cursor?: string | null;
  limit?: number;
}

/** Ordered by user id; page on with nextCursor. */
export async function listConnections(
  ex: Executor,
  args: ListConnectionsArgs = {},
): Promise<{ items: Connection[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(args.limit ?? 50, 1), 500);
  const where = and(
    args.status ? eq(terraUsers.status, args.status) : undefined,
    args.provider ? eq(terraUsers.provider, args.provider) : undefined,
    args.referenceId !== undefined ? eq(terraUsers.referenceId, args.referenceId) : undefined,
    args.cursor ? gt(terraUsers.userId, args.cursor) : undefined,
  );
  const items = await orm(ex)
    .select()
    .from(terraUsers)
    .where(where)
    .orderBy(asc(terraUsers.userId))
    .limit(limit + 1);
  const more = items.length > limit;
  const page = more ? items.slice(0, limit) : items;
  return { items: page, nextCursor: more ? (page.at(-1)?.userId ?? null) : null };
}

/** Tables of the public schema that have a user_id column (every per-user table, found, not listed). */
export async function userTables(ex: Executor): Promise<string[]> {
  const r = await rows<{ table_name: string }>(
    ex,
    sql`select c.table_name from information_schema.columns c
        join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
        where c.table_schema = current_schema() and c.column_name = 'user_id' and t.table_type = 'BASE TABLE'
        order by c.table_name`,
  );
  return r.map((x) => x.table_name);
}

/**
 * For each of these user ids replaced by a user_reauth, the id that holds its data now (chains of
 * re-auths followed to the end). Data events addressed to an old id after the swap go there, so
 * the result does not depend on whether the swap was processed before or after them.
 */
export async function currentUserIds(ex: Executor, userIds: readonly string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let frontier = [...new Set(userIds)];
  const resolved = new Map<string, string>();
  for (let hop = 0; hop < 8 && frontier.length > 0; hop++) {
    const r = await rows<{ user_id: string; replaced_by: string }>(
      ex,
      sql`select user_id, replaced_by from terra_users
          where replaced_by is not null and user_id in (${sql.join(
            frontier.map((u) => sql`${u}`),
            sql`, `,
          )})`,
    );
    frontier = [];
    for (const x of r) {
      if (x.replaced_by === x.user_id || resolved.has(x.user_id)) continue;
      resolved.set(x.user_id, x.replaced_by);
      frontier.push(x.replaced_by);
    }
  }
  for (const id of new Set(userIds)) {
    let current = id;
    for (let hop = 0; hop < 8 && resolved.has(current); hop++) current = resolved.get(current) as string;
    if (current !== id) out.set(id, current);
  }
  return out;
}
