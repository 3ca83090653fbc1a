// Bulk form of upsertConnection for the webhook's group commit: the connections named by the data
// events of one batch refreshed in one statement per shape instead of one round trip each.
import { sql } from "drizzle-orm";
import { type Executor, orm } from "../db.ts";
import { terraUsers } from "../schema/terra-users.ts";
import { UNKNOWN_PROVIDER } from "./connections.ts";

/** What a data event says about its user: no status change, absent fields keep what is stored. */
export interface TouchConnectionArgs {
  userId: string;
  /** Null or absent: keep the stored provider (a new connection gets UNKNOWN_PROVIDER). */
  provider?: string | null;
  referenceId?: string | null;
  scopes?: string | null;
  at: Date;
}

/**
 * Equivalent to calling upsertConnection({ userId, provider, referenceId, scopes, at }) for each
 * entry in order: a user named twice gets the later provider and time, and the later given
 * reference/scopes (an absent one keeps the earlier or stored value). Rows are written in user
 * order, so concurrent batches lock connection rows in the same order.
 */
export async function touchConnections(ex: Executor, args: readonly TouchConnectionArgs[]): Promise<void> {
  const merged = new Map<string, TouchConnectionArgs & { createdAt: Date }>();
  for (const a of args) {
    const prev = merged.get(a.userId);
    merged.set(a.userId, {
      userId: a.userId,
      provider: a.provider ?? prev?.provider ?? null,
      referenceId: a.referenceId !== undefined ? a.referenceId : prev?.referenceId,
      scopes: a.scopes !== undefined ? a.scopes : prev?.scopes,
      at: a.at,
      createdAt: prev?.createdAt ?? a.at,
    });
  }
  // Which optional fields overwrite differs per row: one statement per shape (at most four).
  const shapes = new Map<string, (TouchConnectionArgs & { createdAt: Date })[]>();
  for (const m of [...merged.values()].sort((x, y) =>
    x.userId < y.userId ? -1 : x.userId > y.userId ? 1 : 0,
  )) {
    const shape = `${m.referenceId !== undefined}|${m.scopes !== undefined}`;
    const list = shapes.get(shape);
    if (list) list.push(m);
    else shapes.set(shape, [m]);
  }
  for (const [, list] of [...shapes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const first = list[0] as TouchConnectionArgs;
    const set: Record<string, unknown> = {
      // A null provider from the event (it happens: Terra's lifecycle events) keeps the stored one.
      provider: sql`case when excluded.provider = ${UNKNOWN_PROVIDER} then ${terraUsers.provider} else excluded.provider end`,
      updatedAt: sql`excluded.updated_at`,
      lastEventAt: sql`excluded.last_event_at`,
    };
    if (first.referenceId !== undefined) set.referenceId = sql`excluded.reference_id`;
    if (first.scopes !== undefined) set.scopes = sql`excluded.scopes`;
    await orm(ex)
      .insert(terraUsers)
      .values(
        list.map((m) => ({
          userId: m.userId,
          provider: m.provider ?? UNKNOWN_PROVIDER,
          referenceId: m.referenceId ?? null,
          scopes: m.scopes ?? null,
          status: "active" as const,
          active: true,
          statusReason: null,
          createdAt: m.createdAt,
          updatedAt: m.at,
          connectedAt: null,
          lastEventAt: m.at,
        })),
      )
      .onConflictDoUpdate({ target: terraUsers.userId, set });
  }
}
