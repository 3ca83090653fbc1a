// The change feed (ADR 0305): every record created or revised, in commit order, gap-free under
// concurrent writers. Each record row carries the id of the transaction that last created or
// changed it (change_xid, xid8) and the feed hands out only rows below the oldest transaction still
// in flight (pg_snapshot_xmin of the statement's snapshot): a transaction that took a lower id but
// commits later is then never passed by a consumer's cursor. Cursor: (xid, table, id).
import { DATA_TYPES, type DataType } from "@wearables/schemas";
import { type Executor, rows } from "../db.ts";
import { type ChangeCursor, changesQuery, encodeChangeCursor } from "./changes-query.ts";

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

/**
 * One page of the feed after `after`, oldest change first. `nextCursor` is where the next poll
 * starts: the last change's position, or `after` itself when nothing new is visible yet (never
 * null, so a consumer can always poll again with what it got); `more` says whether to poll again at
 * once. A record revised twice between two polls is handed out once, at its latest revision.
 * Throws InvalidCursorError on a bad cursor.
 */
export async function readChanges(
  ex: Executor,
  args: ReadChangesArgs = {},
): Promise<{ items: Change[]; nextCursor: string; more: boolean }> {
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
  let cut = false;
  for (const r of raw) {
    // A page of documents ends early past its byte budget; one large document still comes alone.
    if (args.documents && items.length > 0 && bytes + (r.document_json?.length ?? 0) > maxBytes) {
      cut = true;
      break;
    }
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
  return {
    items,
    nextCursor: last ? encodeChangeCursor(last) : (args.after ?? start),
    // Changes may be waiting past this page (it was full, or cut by the byte budget): poll again now.
    more: cut || raw.length === limit,
  };
}
