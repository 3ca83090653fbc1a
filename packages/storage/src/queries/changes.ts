// The change feed (ADR 0305): every record created or revised, in commit order, gap-free under
// concurrent writers. Each record row carries the id of the transaction that last created or
// changed it (change_xid, xid8) and the feed hands out only rows below the oldest transaction still
// in flight (pg_snapshot_xmin of the statement's snapshot): a transaction that took a lower id but
// commits later is then never passed by a consumer's cursor. Cursor: (xid, table, id).
import { DATA_TYPES, type DataType } from "@wearables/schemas";
import { type SQL, sql } from "drizzle-orm";
import { type Executor, rows } from "../db.ts";
import { InvalidCursorError } from "./read-query.ts";

export interface ChangeCursor {
  xid: bigint;
  /** The table's position in DATA_TYPES. */
  rank: number;
  id: bigint;
}

export interface ReadChangesArgs {
  /** The previous page's nextCursor; absent: from the beginning. */
  after?: string | null;
  /** Data types to include; absent or empty: all. */
  types?: readonly DataType[];
  /** 1–10,000, default 1,000. */
  limit?: number;
  /** Include each record's document as JSON text (bounded by `maxBytes`). */
  documents?: boolean;
  /** With documents: stop adding changes once this many bytes of documents are in the page. */
  maxBytes?: number;
}

export interface Change {
  type: DataType;
  userId: string;
  naturalKey: string;
  localDate: string | null;
  /** 1 when the record was created in this change, higher for each revision. */
  revision: number;
  updatedAt: Date;
  /** The record's document as JSON text, when asked for. */
  documentJson?: string;
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

/**
 * One page of the feed after `after`, oldest change first. `nextCursor` is where the next poll
 * starts: the last change's position, or `after` itself when nothing new is visible yet (never
 * null, so a consumer can always poll again with what it got). A record revised twice between two
 * polls is handed out once, at its latest revision. Throws InvalidCursorError on a bad cursor.
 */
export async function readChanges(
  ex: Executor,
  args: ReadChangesArgs = {},
): Promise<{ items: Change[]; nextCursor: string }> {
  const limit = Math.min(Math.max(args.limit ?? 1000, 1), 10_000);
  const maxBytes = args.maxBytes ?? 8 * 1024 * 1024;
  const raw = await rows<{
    rank: number;
    xid: string;
    id: string;
    user_id: string;
    natural_key: string;
    local_day: string | null;
    revision: number;
    updated_at: string | Date;
    document_json: string | null;
  }>(ex, changesQuery(args, limit));
  const items: Change[] = [];
  let last: ChangeCursor | null = null;
  let bytes = 0;
  for (const r of raw) {
    // A page of documents ends early past its byte budget; one large document still comes alone.
    if (args.documents && items.length > 0 && bytes + (r.document_json?.length ?? 0) > maxBytes) break;
    bytes += r.document_json?.length ?? 0;
    const type = DATA_TYPES[Number(r.rank)] as DataType;
    items.push({
      type,
      userId: r.user_id,
      naturalKey: r.natural_key,
      localDate: r.local_day,
      revision: Number(r.revision),
      updatedAt: new Date(r.updated_at),
      ...(args.documents && r.document_json !== null ? { documentJson: r.document_json } : {}),
    });
    last = { xid: BigInt(r.xid), rank: Number(r.rank), id: BigInt(r.id) };
  }
  const start = encodeChangeCursor({ xid: 0n, rank: 0, id: 0n });
  return { items, nextCursor: last ? encodeChangeCursor(last) : (args.after ?? start) };
}
