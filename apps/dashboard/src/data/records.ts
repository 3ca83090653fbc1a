// Stored Terra documents of one type over a range, every page of them. Several charts read the same
// body or daily documents: one request per user × type × range, shared while the page shows it.
import { unwrap } from "@wearables/admin-client";
import type { Body, Daily, Sleep } from "@wearables/schemas";
import type { LoadArgs, RecordType } from "./types.ts";

export interface StoredRecord<D> {
  date: string | null;
  key: string;
  document: D;
}

export interface DocumentOf {
  body: Body;
  daily: Daily;
  sleep: Sleep;
  activity: Record<string, unknown>;
}

const PAGE = 500;
const MAX_PAGES = 200;
const KEEP = 16;
const cache = new Map<string, Promise<StoredRecord<unknown>[]>>();

export function loadRecords<T extends RecordType>(
  args: LoadArgs,
  type: T,
): Promise<StoredRecord<DocumentOf[T]>[]> {
  const key = `${args.userId}\u0000${type}\u0000${args.range.start}\u0000${args.range.end}`;
  let hit = cache.get(key);
  if (!hit) {
    hit = fetchAll(args, type);
    cache.set(key, hit);
    // A failure is not remembered: the next look asks again.
    hit.catch(() => cache.delete(key));
    while (cache.size > KEEP) cache.delete(cache.keys().next().value as string);
  }
  return hit as Promise<StoredRecord<DocumentOf[T]>[]>;
}

/** Forget what was read (after a replay, a backfill or an erase changed the records). */
export function forgetRecords(): void {
  cache.clear();
}

async function fetchAll(args: LoadArgs, type: RecordType): Promise<StoredRecord<unknown>[]> {
  const out: StoredRecord<unknown>[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const body = await unwrap(
      args.client.GET("/v1/users/{id}/{type}", {
        params: {
          path: { id: args.userId, type },
          query: { start_date: args.range.start, end_date: args.range.end, limit: PAGE, cursor },
        },
      }),
    );
    for (const r of body.data) out.push({ date: r.date, key: r.key, document: r.document });
    if (!body.next_cursor) return out;
    cursor = body.next_cursor;
  }
  throw new Error(`more than ${MAX_PAGES} pages of ${type} records`);
}
