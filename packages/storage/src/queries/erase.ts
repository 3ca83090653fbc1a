import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import { type Executor, rows, transaction } from "../db.ts";
import { audit } from "./audit.ts";

/** Columns that name a user and whose row belongs to that user (the row is deleted). */
const OWNER_COLUMNS = new Set(["user_id", "target_user_id"]);
/** Columns that only point at a user from someone else's row (cleared, not deleted). */
const LINK_COLUMNS = new Set(["replaced_by", "replaces"]);

/**
 * Erases a user, and the older ids it replaced through re-auths, from every table: every row owned
 * by the id (found through information_schema, so a new table is covered without a change here),
 * inbox events whose raw body mentions it, and links from other connections. One audit row is
 * kept; it names the user only by a sha256 of the id. Returns the rows deleted per table.
 */
export async function eraseUser(
  ex: Executor,
  userId: string,
  actor: string,
): Promise<Record<string, number>> {
  return transaction(ex, async (tx) => {
    const chain = await rows<{ user_id: string }>(
      tx,
      sql`with recursive ids(user_id) as (
            select ${userId}::text
            union select t.replaces from terra_users t join ids on t.user_id = ids.user_id where t.replaces is not null
          ) select user_id from ids`,
    );
    const ids = [...new Set([userId, ...chain.map((c) => c.user_id)])];
    const idList = sql`array[${sql.join(
      ids.map((i) => sql`${i}`),
      sql`, `,
    )}]::text[]`;
    const cols = await rows<{ table_name: string; column_name: string }>(
      tx,
      sql`select c.table_name, c.column_name from information_schema.columns c
          join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
          where c.table_schema = current_schema() and t.table_type = 'BASE TABLE' and c.data_type = 'text'
          order by c.table_name, c.column_name`,
    );
    const deleted: Record<string, number> = {};
    for (const { table_name, column_name } of cols) {
      const t = sql.identifier(table_name);
      const c = sql.identifier(column_name);
      if (OWNER_COLUMNS.has(column_name)) {
        const r = await rows<{ n: number }>(
          tx,
          sql`with d as (delete from ${t} where ${c} = any(${idList}) returning 1) select count(*)::int as n from d`,
        );
        deleted[table_name] = (deleted[table_name] ?? 0) + Number(r[0]?.n ?? 0);
      } else if (LINK_COLUMNS.has(column_name)) {
        await rows(tx, sql`update ${t} set ${c} = null where ${c} = any(${idList})`);
      }
    }
    // Events whose user column was never filled (unparseable, informational) can still carry the id.
    const mentions = await rows<{ n: number }>(
      tx,
      sql`with d as (
            delete from webhook_events e
            where e.raw_body is not null
              and exists (select 1 from unnest(${idList}) as u(id) where position(convert_to(u.id, 'UTF8') in e.raw_body) > 0)
            returning 1
          ) select count(*)::int as n from d`,
    );
    deleted.webhook_events = (deleted.webhook_events ?? 0) + Number(mentions[0]?.n ?? 0);
    await audit(tx, {
      actor,
      action: "user.erase",
      targetUserId: null,
      details: {
        user_id_sha256: createHash("sha256").update(userId).digest("hex"),
        ids_erased: ids.length,
        deleted,
      },
    });
    return deleted;
  });
}
