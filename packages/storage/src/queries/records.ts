import type { DataType } from "@wearables/schemas";
import { recordDate, recordKey } from "@wearables/schemas";
import { type SQL, sql } from "drizzle-orm";
import { type Executor, rows } from "../db.ts";
import { EXTRA_COLUMNS, extractColumns } from "../extract.ts";
import type { RecordSource } from "../schema/record-columns.ts";

export interface UpsertRecordsArgs {
  type: DataType;
  userId: string;
  /** Validated documents of that type. */
  records: readonly unknown[];
  /** `X-Terra-Ordering-Timestamp` in ms; absent: receivedAt in ms. */
  orderingTs?: number | null;
  receivedAt?: Date;
  source: RecordSource;
  eventId?: number | null;
  /** Rows per INSERT statement. Default 200. */
  batchSize?: number;
  /** JSON characters per statement (a larger single document still goes alone). Default 16 Mi. */
  batchChars?: number;
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
  /** Stored copy was newer, or the incoming copy changed nothing. */
  unchanged: number;
}

const MAX_BATCH_JSON_CHARS = 16 * 1024 * 1024;

const MERGED = sql.raw("wearables_merge_document(excluded.document, t.document)");

/**
 * Upserts documents by (user, natural key) with one multi-row INSERT … ON CONFLICT per batch.
 * The incoming copy wins when its ordering timestamp is ≥ the stored one; an older copy never
 * overwrites; stored non-null data_enrichment values survive a later null (wearables_merge_document,
 * migration 0001). See ADR 0300.
 */
export async function upsertRecords(ex: Executor, args: UpsertRecordsArgs): Promise<UpsertCounts> {
  return upsertRecordSets(ex, [args]);
}

/**
 * upsertRecords for several sets of one type (e.g. the deliveries of one group commit, each with
 * its own user, ordering timestamp and event) in as few statements as possible. Rows are applied
 * as if the sets were upserted one after another in the given order: a key repeated across or
 * within sets goes to a later statement. Returns the counts summed over all sets.
 */
export async function upsertRecordSets(
  ex: Executor,
  sets: readonly UpsertRecordsArgs[],
): Promise<UpsertCounts> {
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  const first = sets[0];
  if (!first) return counts;
  const type = first.type;
  if (sets.some((s) => s.type !== type)) throw new Error("upsertRecordSets: sets of different types");

  const prepared = sets.flatMap((args) => {
    const receivedAt = args.receivedAt ?? new Date();
    const row = {
      userId: args.userId,
      orderingTs: args.orderingTs ?? receivedAt.getTime(),
      receivedIso: receivedAt.toISOString(),
      source: args.source,
      eventId: args.eventId ?? null,
    };
    return args.records.map((doc) => ({
      ...row,
      json: JSON.stringify(doc),
      key: recordKey(type, doc),
      date: recordDate(type, doc),
      meta: metadataTimes(doc),
      extra: extractColumns(type, doc),
    }));
  });
  if (prepared.length === 0) return counts;
  // ON CONFLICT cannot touch one row twice in a statement: a (user, key) repeated within the call
  // goes to a later round, applied in input order.
  const rounds: (typeof prepared)[] = [];
  const seen = new Map<string, number>();
  for (const p of prepared) {
    const id = `${p.userId}\u0000${p.key}`;
    const round = seen.get(id) ?? 0;
    seen.set(id, round + 1);
    if (!rounds[round]) rounds[round] = [];
    rounds[round].push(p);
  }

  const extras = EXTRA_COLUMNS[type];
  const columns = [
    "user_id",
    "natural_key",
    "start_time",
    "end_time",
    "local_date",
    "document",
    "ordering_ts",
    "received_at",
    "source",
    "event_id",
    "last_write_changed",
    ...extras,
  ];
  const updates = [
    "start_time",
    "end_time",
    "local_date",
    "ordering_ts",
    "received_at",
    "source",
    "event_id",
    ...extras,
  ].map((c) => `${c} = excluded.${c}`);
  const batchSize = Math.max(1, first.batchSize ?? 200);

  for (const round of rounds) {
    for (const batch of batches(round, batchSize, first.batchChars ?? MAX_BATCH_JSON_CHARS)) {
      const values = batch.map(
        (p) =>
          sql`(${p.userId}, ${p.key}, ${p.meta.start}, ${p.meta.end}, ${p.date}::date, ${p.json}::jsonb, ${p.orderingTs}::bigint, ${p.receivedIso}::timestamptz, ${p.source}, ${p.eventId}::bigint, true${sql.join(
            extras.map((c) => sql`, ${p.extra[c] ?? null}`),
          )})`,
      );
      const query: SQL = sql`insert into ${sql.identifier(type)} as t (${sql.raw(columns.join(", "))})
        values ${sql.join(values, sql`, `)}
        on conflict (user_id, natural_key) do update set
          document = ${MERGED},
          last_write_changed = ${MERGED} is distinct from t.document,
          updated_at = case when ${MERGED} is distinct from t.document then now() else t.updated_at end,
          ${sql.raw(updates.join(",\n          "))}
        where excluded.ordering_ts > t.ordering_ts
           or (excluded.ordering_ts = t.ordering_ts and ${MERGED} is distinct from t.document)
        returning (xmax = 0) as inserted, last_write_changed as changed`;
      const result = await rows<{ inserted: boolean; changed: boolean }>(ex, query);
      for (const r of result) {
        if (r.inserted) counts.inserted++;
        else if (r.changed) counts.updated++;
      }
      counts.unchanged += batch.length - result.filter((r) => r.inserted || r.changed).length;
    }
  }
  return counts;
}

/**
 * Splits rows into statements of at most `size` rows and about `maxChars` of JSON: a Terra
 * activity can be tens of MB, and one statement of 200 of them would hold gigabytes in memory.
 */
function* batches<T extends { json: string }>(items: T[], size: number, maxChars: number): Generator<T[]> {
  let batch: T[] = [];
  let chars = 0;
  for (const item of items) {
    if (batch.length > 0 && (batch.length >= size || chars + item.json.length > maxChars)) {
      yield batch;
      batch = [];
      chars = 0;
    }
    batch.push(item);
    chars += item.json.length;
  }
  if (batch.length > 0) yield batch;
}

function metadataTimes(doc: unknown): { start: string | null; end: string | null } {
  const meta = (doc as { metadata?: { start_time?: unknown; end_time?: unknown } } | null)?.metadata;
  return {
    start: typeof meta?.start_time === "string" ? meta.start_time : null,
    end: typeof meta?.end_time === "string" ? meta.end_time : null,
  };
}
