import { type DataType, DEFAULT_MEASUREMENTS, type MeasurementSelection } from "@wearables/schemas";
import type { SQL } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import { type Executor, rows, transaction } from "../db.ts";
import { EXTRA_COLUMNS } from "../extract.ts";
import type { RecordSource } from "../schema/record-columns.ts";
import { describe, type PreparedRecord, PreparedRecords } from "./record-rows.ts";
import { type PointArrays, pointsStatement, recordStatement, type UpsertedRow } from "./record-statement.ts";

export { type PreparedRecord, PreparedRecords } from "./record-rows.ts";

export interface UpsertRecordsArgs {
  type: DataType;
  userId: string;
  /** Validated documents of that type, or the same already prepared (PreparedRecords.of). */
  records: readonly unknown[] | PreparedRecords;
  /** `X-Terra-Ordering-Timestamp` in ms; absent: receivedAt in ms. */
  orderingTs?: number | null;
  receivedAt?: Date;
  source: RecordSource;
  eventId?: number | null;
  /**
   * Which catalog measurements to write as series rows (`parseMeasurementSelection`, the
   * `MEASUREMENTS` setting). Default: the catalog's default (daily, nightly, session and point
   * measurements; high-frequency samples opt-in). Prepared records carry the selection they were
   * prepared with; a different one here is an error.
   */
  measurements?: MeasurementSelection;
  /** Rows per INSERT statement. Default 200. */
  batchSize?: number;
  /** JSON characters per statement (a larger single document still goes alone). Default 4 Mi. */
  batchChars?: number;
}

export interface UpsertCounts {
  inserted: number;
  updated: number;
  /** Stored copy was newer, or the incoming copy changed nothing. */
  unchanged: number;
}

const MAX_BATCH_JSON_CHARS = 4 * 1024 * 1024;

/**
 * Upserts documents by (user, natural key) with one multi-row INSERT … ON CONFLICT per batch.
 * The incoming copy wins when its ordering timestamp is ≥ the stored one; an older copy never
 * overwrites; stored non-null data_enrichment values survive a later null (wearables_merge_document,
 * migration 0001). See ADR 0300. The winning copy's measurements replace the stored copy's rows in
 * the same transaction, under the record's row lock (ADR 0304).
 */
export async function upsertRecords(ex: Executor, args: UpsertRecordsArgs): Promise<UpsertCounts> {
  return upsertRecordSets(ex, [args]);
}

type Row = Omit<PreparedRecord, "json"> & {
  userId: string;
  head: string;
  doc: unknown;
  json: string | undefined;
};

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
  // The records and their measurement rows are two statements that must share the records' row
  // locks: outside a transaction, one of its own.
  if (!inTransaction(ex)) return transaction(ex, (tx) => upsertRecordSets(tx, sets));
  const counts: UpsertCounts = { inserted: 0, updated: 0, unchanged: 0 };
  const first = sets[0];
  if (!first) return counts;
  const type = first.type;
  if (sets.some((s) => s.type !== type)) throw new Error("upsertRecordSets: sets of different types");

  const prepared = sets.flatMap((args): Row[] => {
    const receivedAt = args.receivedAt ?? new Date();
    // The per-set fields of each row, already as JSON members.
    const row = {
      userId: args.userId,
      head: `"user_id":${JSON.stringify(args.userId)},"ordering_ts":${JSON.stringify(args.orderingTs ?? receivedAt.getTime())},"received_at":${JSON.stringify(receivedAt.toISOString())},"source":${JSON.stringify(args.source)},"event_id":${JSON.stringify(args.eventId ?? null)}`,
    };
    if (args.records instanceof PreparedRecords) {
      if (args.records.type !== type) throw new Error("upsertRecordSets: prepared records of another type");
      if (args.measurements && args.measurements.key !== args.records.measurements.key) {
        throw new Error("upsertRecordSets: records prepared with another measurement selection");
      }
      return args.records.rows.map((r) => ({ ...row, ...r, doc: undefined }));
    }
    const selection = args.measurements ?? DEFAULT_MEASUREMENTS;
    return (args.records as readonly unknown[]).map((doc) => ({
      ...row,
      ...describe(type, doc, selection),
      doc,
      json: undefined,
    }));
  });
  if (prepared.length === 0) return counts;
  // ON CONFLICT cannot touch one row twice in a statement: a (user, key) repeated within the call
  // goes to a later round, applied in input order.
  const rounds: Row[][] = [];
  const seen = new Map<string, number>();
  for (const p of prepared) {
    const id = `${p.userId}\u0000${p.key}`;
    const round = seen.get(id) ?? 0;
    seen.set(id, round + 1);
    if (!rounds[round]) rounds[round] = [];
    rounds[round].push(p);
  }

  const extras = EXTRA_COLUMNS[type];
  const statement = recordStatement(type);
  const pointsFor = pointsStatement(type);
  const batchSize = Math.max(1, first.batchSize ?? 200);
  // A batch's strings are garbage once sent: a large delivery never holds all of its documents as
  // JSON text at once, only one batch's worth (batchChars).
  for (const round of rounds) {
    for (const batch of batches(round, batchSize, first.batchChars ?? MAX_BATCH_JSON_CHARS)) {
      let payload = "[";
      for (let i = 0; i < batch.length; i++) {
        const p = batch[i] as (typeof batch)[number];
        if (i > 0) payload += ",";
        payload += `{${p.head},"natural_key":${JSON.stringify(p.key)},"start_time":${JSON.stringify(p.meta.start)},"end_time":${JSON.stringify(p.meta.end)},"local_date":${JSON.stringify(p.date)}`;
        for (const c of extras) payload += `,"${c}":${JSON.stringify(p.extra[c] ?? null)}`;
        payload += `,"document":${p.json}}`;
      }
      payload += "]";
      const result = await rows<UpsertedRow>(ex, statement(payload));
      let won = 0;
      for (const r of result) {
        if (r.inserted) counts.inserted++;
        else if (r.changed) counts.updated++;
        if (r.inserted || r.changed) won++;
      }
      counts.unchanged += batch.length - won;
      if (pointsFor && won > 0) await writePoints(ex, pointsFor, batch, result);
    }
  }
  return counts;
}

/**
 * The measurement rows of the records the upsert inserted or changed: the winners' points, and the
 * rows of the copies they replaced deleted (pointsStatement says why apart from the upsert).
 */
async function writePoints(
  ex: Executor,
  statement: (arrays: PointArrays) => SQL,
  batch: readonly Row[],
  upserted: readonly UpsertedRow[],
): Promise<void> {
  const byKey = new Map(batch.map((p) => [`${p.userId}\u0000${p.key}`, p]));
  const replaced: string[] = [];
  const ids: string[] = [];
  const users: string[] = [];
  const parts: Record<"records" | "codes" | "times" | "offsets" | "values", string[]> = {
    records: [],
    codes: [],
    times: [],
    offsets: [],
    values: [],
  };
  for (const r of upserted) {
    if (!r.inserted && !r.changed) continue;
    if (!r.inserted) replaced.push(String(r.id));
    const p = byKey.get(`${r.user_id}\u0000${r.natural_key}`);
    if (!p || p.points.n === 0) continue;
    ids.push(String(r.id));
    users.push(arrayText(r.user_id));
    // 1-based: the record's position among the winners (WITH ORDINALITY).
    parts.records.push(`${ids.length},`.repeat(p.points.n).slice(0, -1));
    parts.codes.push(p.points.codes);
    parts.times.push(p.points.times);
    parts.offsets.push(p.points.offsets);
    parts.values.push(p.points.values);
  }
  if (replaced.length === 0 && ids.length === 0) return;
  const list = (xs: string[]) => `{${xs.join(",")}}`;
  await rows(
    ex,
    statement({
      replaced: list(replaced),
      ids: list(ids),
      users: list(users),
      records: list(parts.records),
      codes: list(parts.codes),
      times: list(parts.times),
      offsets: list(parts.offsets),
      values: list(parts.values),
    }),
  );
}

/** An element of a PostgreSQL array literal: quoted, with `"` and `\` escaped. */
function arrayText(s: string): string {
  return `"${s.replace(/[\\"]/g, "\\$&")}"`;
}

function inTransaction(ex: Executor): boolean {
  return (ex as unknown) instanceof PgTransaction;
}

/**
 * Splits rows into statements of at most `size` rows and about `maxChars` of JSON: a Terra
 * activity can be tens of MB, and one statement of 200 of them would hold gigabytes in memory.
 * Each document is serialised here, one batch ahead of the statement that sends it, not all up
 * front: a 20 MB delivery holds a few MB of JSON text at a time besides its parsed objects.
 */
function* batches<T extends { doc: unknown; json: string | undefined }>(
  items: T[],
  size: number,
  maxChars: number,
): Generator<(T & { json: string })[]> {
  let batch: (T & { json: string })[] = [];
  let chars = 0;
  for (const item of items) {
    const json = item.json ?? JSON.stringify(item.doc);
    if (batch.length > 0 && (batch.length >= size || chars + json.length > maxChars)) {
      yield batch;
      batch = [];
      chars = 0;
    }
    batch.push({ ...item, json });
    chars += json.length;
  }
  if (batch.length > 0) yield batch;
}
