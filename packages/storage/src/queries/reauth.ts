import { type DataType, measurementsOfModel } from "@wearables/schemas";
import { sql } from "drizzle-orm";
import { type Executor, orm, rows, transaction } from "../db.ts";
import { RECORD_TABLES } from "../record-tables.ts";
import { terraUsers } from "../schema/terra-users.ts";
import { audit } from "./audit.ts";
import { type Connection, upsertConnection, userTables } from "./connections.ts";
import { mergedDocumentSql, replacesSql } from "./newer-wins.ts";

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
 * natural key the two copies meet under the upsert's own newer-wins rule (newer-wins.ts): the
 * winner stays, holding the merged document (a score only the losing copy had survives), and the
 * loser goes with its measurement rows. Moved records count as changed in the change feed. The old
 * connection stays, marked replaced_by, so late events addressed to it can be redirected.
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
        moved[table] = await moveRecords(tx, table as DataType, oldUserId, newId);
        continue;
      }
      if (table === "backfill_windows") {
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

/**
 * Moves one record table's rows of `oldId` to `newId`. For a natural key both ids hold, the new id's
 * copy is the incoming one (a tie with a different document goes to it, as a later delivery would).
 * Returns the rows moved (a losing copy of the old id is not counted).
 */
async function moveRecords(tx: Executor, type: DataType, oldId: string, newId: string): Promise<number> {
  const t = sql.identifier(type);
  const codes = sql.raw(
    `'{${measurementsOfModel(type)
      .map((m) => m.code)
      .join(",")}}'::smallint[]`,
  );
  const newWins = sql.raw(
    replacesSql({ ts: "n.ordering_ts", doc: "n.document" }, { ts: "o.ordering_ts", doc: "o.document" }),
  );
  const intoNew = sql.raw(mergedDocumentSql("n.document", "o.document"));
  // The new id's copy changes when the merge brings in a score only the old id's copy had.
  const changedNew = sql.raw(`${mergedDocumentSql("n.document", "o.document")} is distinct from n.document`);
  const intoOld = sql.raw(mergedDocumentSql("o.document", "n.document"));
  // One statement: each sub-statement touches its own rows (the winner is updated, the loser
  // deleted), all reading the same snapshot of both copies.
  const losers = await rows<{ id: string }>(
    tx,
    sql`with pairs as (
          select n.id as nid, o.id as oid, ${newWins} as new_wins
          from ${t} n join ${t} o on o.natural_key = n.natural_key
          where n.user_id = ${newId} and o.user_id = ${oldId}
        ), keep_new as (
          update ${t} n set document = ${intoNew},
            change_xid = case when ${changedNew} then pg_current_xact_id() else n.change_xid end,
            revision = case when ${changedNew} then n.revision + 1 else n.revision end,
            updated_at = case when ${changedNew} then now() else n.updated_at end
          from pairs p, ${t} o where n.id = p.nid and o.id = p.oid and p.new_wins
        ), keep_old as (
          update ${t} o set document = ${intoOld}
          from pairs p, ${t} n where o.id = p.oid and n.id = p.nid and not p.new_wins
        )
        delete from ${t} x using pairs p where x.id = case when p.new_wins then p.oid else p.nid end
        returning x.id::text as id`,
  );
  // The losers' measurement rows in a statement of its own: its snapshot sees rows a concurrent
  // upsert of a loser committed while this one waited for its lock (see pointsStatement).
  if (losers.length > 0) {
    await rows(
      tx,
      sql`delete from measurements where record_id = any(${`{${losers.map((l) => l.id).join(",")}}`}::bigint[])
            and measurement = any(${codes})`,
    );
  }
  const r = await rows<{ n: number }>(
    tx,
    sql`with m as (
          update ${t} set user_id = ${newId}, change_xid = pg_current_xact_id(), revision = revision + 1,
            updated_at = now()
          where user_id = ${oldId} returning 1
        ) select count(*)::int as n from m`,
  );
  return r[0]?.n ?? 0;
}
