import type { DataType } from "@wearables/schemas";
import { recordDate, recordKey } from "@wearables/schemas";
import { getTableColumns, sql } from "drizzle-orm";
import { type Executor, rows } from "../db.ts";
import { EXTRA_COLUMNS, extractColumns } from "../extract.ts";
import { recordTable } from "../record-tables.ts";
import type { RecordSource } from "../schema/record-columns.ts";

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

/** What an upsert needs of one document, its JSON text included (plain data: it crosses threads). */
export interface PreparedRecord {
  key: string;
  date: string | null;
  meta: { start: string | null; end: string | null };
  extra: Record<string, number | null>;
  json: string;
}

/**
 * Documents of one type reduced to what upsertRecords stores (natural key, indexed columns, JSON
 * text). A caller that holds documents for a while before storing them (the backfill worker, a
 * batch of windows) keeps this instead of the parsed objects: a few times smaller, and no longer
 * a graph of objects for the garbage collector to trace.
 */
export class PreparedRecords {
  private constructor(
    readonly type: DataType,
    readonly rows: readonly PreparedRecord[],
  ) {}
  static of(type: DataType, docs: readonly unknown[]): PreparedRecords {
    return new PreparedRecords(
      type,
      docs.map((doc) => ({ ...describe(type, doc), json: JSON.stringify(doc) })),
    );
  }
  /**
   * The same from rows made elsewhere (a worker thread posts `rows`; a class does not survive the
   * structured clone, its data does).
   */
  static fromRows(type: DataType, rows: readonly PreparedRecord[]): PreparedRecords {
    return new PreparedRecords(type, rows);
  }
  /** Several sets of one type as one, in order. */
  static concat(type: DataType, parts: readonly PreparedRecords[]): PreparedRecords {
    if (parts.some((p) => p.type !== type)) throw new Error("PreparedRecords.concat: parts of another type");
    return new PreparedRecords(
      type,
      parts.flatMap((p) => p.rows),
    );
  }
  get length(): number {
    return this.rows.length;
  }
}

function describe(type: DataType, doc: unknown): Omit<PreparedRecord, "json"> {
  return {
    key: recordKey(type, doc),
    date: recordDate(type, doc),
    meta: metadataTimes(doc),
    extra: extractColumns(type, doc),
  };
}

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

  type Row = Omit<PreparedRecord, "json"> & {
    userId: string;
    head: string;
    doc: unknown;
    json: string | undefined;
  };
  const prepared = sets.flatMap((args): Row[] => {
    const receivedAt = args.receivedAt ?? new Date();
    // The per-set fields of each row, already as JSON members.
    const row = {
      userId: args.userId,
      head: `"user_id":${JSON.stringify(args.userId)},"ordering_ts":${JSON.stringify(args.orderingTs ?? receivedAt.getTime())},"received_at":${JSON.stringify(receivedAt.toISOString())},"source":${JSON.stringify(args.source)},"event_id":${JSON.stringify(args.eventId ?? null)}`,
    };
    if (args.records instanceof PreparedRecords) {
      if (args.records.type !== type) throw new Error("upsertRecordSets: prepared records of another type");
      return args.records.rows.map((r) => ({ ...row, ...r, doc: undefined }));
    }
    return (args.records as readonly unknown[]).map((doc) => ({
      ...row,
      ...describe(type, doc),
      doc,
      json: undefined,
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
  // Each extra column's SQL type as its table declares it (jsonb_to_recordset needs them spelled out).
  const declared = new Map(
    Object.values(getTableColumns(recordTable(type))).map((c) => [c.name, c.getSQLType()]),
  );
  const extraTypes = extras.map((c) => {
    const t = declared.get(c);
    if (!t) throw new Error(`upsertRecordSets: ${type} has no column ${c}`);
    return t;
  });
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
  // The rows travel as one JSON array in one parameter, expanded by jsonb_to_recordset: the
  // statement text is the same for every batch of a type and the documents are encoded once
  // (no per-value parameters to build, bind and parse; ADR 0303).
  const statement = sql.raw(`insert into ${type} as t (user_id, natural_key, start_time, end_time, local_date,
        document, ordering_ts, received_at, source, event_id, last_write_changed${extras.map((c) => `, ${c}`).join("")})
      select r.user_id, r.natural_key, r.start_time, r.end_time, r.local_date, r.document, r.ordering_ts,
        r.received_at, r.source, r.event_id, true${extras.map((c) => `, r.${c}`).join("")}
      from jsonb_to_recordset(`);
  const recordType = sql.raw(`::jsonb) as r(user_id text, natural_key text, start_time text, end_time text,
        local_date date, document jsonb, ordering_ts bigint, received_at timestamptz, source text,
        event_id bigint${extras.map((c, i) => `, ${c} ${extraTypes[i]}`).join("")})
      on conflict (user_id, natural_key) do update set
        document = wearables_merge_document(excluded.document, t.document),
        last_write_changed = wearables_merge_document(excluded.document, t.document) is distinct from t.document,
        updated_at = case when wearables_merge_document(excluded.document, t.document) is distinct from t.document
          then now() else t.updated_at end,
        ${updates.join(",\n        ")}
      where excluded.ordering_ts > t.ordering_ts
         or (excluded.ordering_ts = t.ordering_ts
             and wearables_merge_document(excluded.document, t.document) is distinct from t.document)
      returning (xmax = 0) as inserted, last_write_changed as changed`);

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
      const result = await rows<{ inserted: boolean; changed: boolean }>(
        ex,
        sql`${statement}${payload}${recordType}`,
      );
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

function metadataTimes(doc: unknown): { start: string | null; end: string | null } {
  const meta = (doc as { metadata?: { start_time?: unknown; end_time?: unknown } } | null)?.metadata;
  return {
    start: typeof meta?.start_time === "string" ? meta.start_time : null,
    end: typeof meta?.end_time === "string" ? meta.end_time : null,
  };
}
