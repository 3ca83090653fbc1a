// The change feed's cursor and statement, apart so that a test can EXPLAIN exactly what readChanges
// runs without the package exporting it.
import { DATA_TYPES } from "@wearables/schemas";
import { type SQL, sql } from "drizzle-orm";
import type { ReadChangesArgs } from "./changes.ts";
import { InvalidCursorError } from "./read-query.ts";

export interface ChangeCursor {
  xid: bigint;
  /** The table's position in DATA_TYPES. */
  rank: number;
  id: bigint;
}

const MAX_ID = 2n ** 63n - 1n;
const MAX_XID = 2n ** 64n - 1n;

export function encodeChangeCursor(c: ChangeCursor): string {
  return Buffer.from(`c1.${c.xid}.${c.rank}.${c.id}`).toString("base64url");
}

/** Throws InvalidCursorError for anything this feed did not issue. */
export function decodeChangeCursor(s: string): ChangeCursor {
  const m = /^c1\.(\d{1,20})\.(\d)\.(\d{1,19})$/.exec(Buffer.from(s, "base64url").toString("utf8"));
  if (!m || Buffer.from(m[0]).toString("base64url") !== s) throw new InvalidCursorError();
  const xid = BigInt(m[1]!);
  const rank = Number(m[2]);
  const id = BigInt(m[3]!);
  if (xid > MAX_XID || id > MAX_ID || rank >= DATA_TYPES.length) throw new InvalidCursorError();
  return { xid, rank, id };
}

/** The feed's statement, apart so that a test can EXPLAIN it. */
export function changesQuery(args: ReadChangesArgs, limit: number): SQL {
  const after = args.after ? decodeChangeCursor(args.after) : null;
  const wanted = args.types && args.types.length > 0 ? new Set(args.types) : new Set(DATA_TYPES);
  const parts = DATA_TYPES.flatMap((type, rank) => {
    if (!wanted.has(type)) return [];
    const conds: SQL[] = [sql`change_xid < (select horizon from h)`];
    if (after) {
      const x = sql`${after.xid.toString()}::xid8`;
      // (change_xid, rank, id) > cursor, with this table's rank a constant: each branch is a range
      // of its (change_xid, id) index.
      if (rank > after.rank) conds.push(sql`change_xid >= ${x}`);
      else if (rank < after.rank) conds.push(sql`change_xid > ${x}`);
      else conds.push(sql`(change_xid, id) > (${x}, ${after.id.toString()}::bigint)`);
    }
    const doc = args.documents ? sql`document::text` : sql`null::text`;
    return [
      sql`(select ${rank}::int as rank, change_xid, id, user_id, natural_key, local_date, revision, updated_at,
          ${doc} as document_json
        from ${sql.identifier(type)} where ${sql.join(conds, sql` and `)}
        order by change_xid, id limit ${limit})`,
    ];
  });
  return sql`with h as (select pg_snapshot_xmin(pg_current_snapshot()) as horizon)
    select rank, change_xid::text as xid, id::text as id, user_id, natural_key, local_date::text as local_day,
      revision, updated_at, document_json
    from (${sql.join(parts, sql` union all `)}) c
    order by change_xid, rank, id limit ${limit}`;
}
