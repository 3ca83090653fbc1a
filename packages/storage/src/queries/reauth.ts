import { sql } from "drizzle-orm";
import { type Executor, orm, rows, transaction } from "../db.ts";
import { RECORD_TABLES } from "../record-tables.ts";
import { terraUsers } from "../schema/terra-users.ts";
import { audit } from "./audit.ts";
import { type Connection, upsertConnection, userTables } from "./connections.ts";

export interface ReauthSwapArgs {
  oldUserId: string;
  /** A null provider keeps the stored one (a new connection gets UNKNOWN_PROVIDER). */
  newUser: { userId: string; provider?: string | null; referenceId?: string | null; scopes?: string | null };
  actor?: string;
  at?: Date;
}

export interface ReauthSwapResult {
  /** Rows moved per table (records that lost a natural-key conflict are not counted). */
  moved: Record<string, number>;
  connection: Connection;
}

/**
 * `user_reauth`: the same person under a new Terra user id. In one transaction, every row of every
 * per-user table moves from the old id to the new one; where both ids hold a record with the same
 * natural key the newer copy (ordering timestamp) is kept. The old connection stays, marked
 * replaced_by, so late events addressed to it can be redirected.
 */
export async function reauthSwap(ex: Executor, args: ReauthSwapArgs): Promise<ReauthSwapResult> {
  const { oldUserId } = args;
  const newId = args.newUser.userId;
  if (oldUserId === newId) throw new Error("reauthSwap: old and new user ids are the same");
  const at = args.at ?? new Date();
  return transaction(ex, async (tx) => {
    const connection = await upsertConnection(tx, {
      ...args.newUser,
      status: "active",
      connected: true,
      at,
    });
    await orm(tx).update(terraUsers).set({ replaces: oldUserId }).where(sql`${terraUsers.userId} = ${newId}`);
    const moved: Record<string, number> = {};
    const recordTables = new Set<string>(Object.keys(RECORD_TABLES));
    for (const table of await userTables(tx)) {
      if (table === "terra_users") continue;
      const t = sql.identifier(table);
      if (recordTables.has(table)) {
        // The newer copy of a shared key survives; ties go to the new id's copy.
        await rows(
          tx,
          sql`delete from ${t} n using ${t} o
              where n.user_id = ${newId} and o.user_id = ${oldUserId}
                and n.natural_key = o.natural_key and o.ordering_ts > n.ordering_ts`,
        );
        await rows(
          tx,
          sql`delete from ${t} o using ${t} n
              where o.user_id = ${oldUserId} and n.user_id = ${newId} and n.natural_key = o.natural_key`,
        );
      } else if (table === "backfill_windows") {
        // Live windows are unique per (user, type, range): the new id's live copy stands.
        await rows(
          tx,
          sql`delete from backfill_windows o using backfill_windows n
              where o.user_id = ${oldUserId} and n.user_id = ${newId}
                and o.status in ('pending', 'leased', 'waiting_webhook')
                and n.status in ('pending', 'leased', 'waiting_webhook')
                and (o.data_type, o.start_date, o.end_date) = (n.data_type, n.start_date, n.end_date)`,
        );
      }
      const r = await rows<{ n: number }>(
        tx,
        sql`with m as (update ${t} set user_id = ${newId} where user_id = ${oldUserId} returning 1)
            select count(*)::int as n from m`,
      );
      moved[table] = r[0]?.n ?? 0;
    }
    // The old id is marked replaced even when nothing of it is stored yet: data addressed to it
    // that is processed after the swap then follows the redirect (currentUserIds).
    const replaced = {
      replacedBy: newId,
      status: "deauthorized" as const,
      active: false,
      statusReason: "user_reauth",
      deauthorizedAt: at,
      updatedAt: at,
    };
    await orm(tx)
      .insert(terraUsers)
      .values({
        userId: oldUserId,
        provider: args.newUser.provider ?? connection.provider,
        createdAt: at,
        ...replaced,
      })
      .onConflictDoUpdate({ target: terraUsers.userId, set: replaced });
    await audit(tx, {
      actor: args.actor ?? "system",
      action: "user.reauth_swap",
      targetUserId: newId,
      details: { oldUserId, moved },
      at,
    });
    return { moved, connection: { ...connection, replaces: oldUserId } };
  });
}
