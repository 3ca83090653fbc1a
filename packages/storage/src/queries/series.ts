// Reads of the measurements table (ADR 0304): one user's series, and who crossed a threshold.
// Each answer's JSON is built by PostgreSQL in the same statement (one text value per series),
// so a year of points never becomes rows of objects in the server only to be serialised again.
import { type MeasurementDefinition, measurementByCode } from "@wearables/schemas";
import { type SQL, sql } from "drizzle-orm";
import { type Executor, rows } from "../db.ts";
import { InvalidCursorError } from "./read-query.ts";

export const SERIES_BUCKETS = ["raw", "hour", "day", "week", "month"] as const;
export type SeriesBucket = (typeof SERIES_BUCKETS)[number];

export interface ReadSeriesArgs {
  userId: string;
  /** Catalog codes (measurementByName(n).code). */
  measurements: readonly number[];
  /** Inclusive local days, `YYYY-MM-DD`. */
  startDate: string;
  endDate: string;
  bucket: SeriesBucket;
  /** raw only: at most this many points per measurement (the earliest); default 10,000. */
  limit?: number;
}

export interface SeriesJson {
  code: number;
  /**
   * raw: `[{"t":"2026-03-01T07:12:00+01:00","v":72.4,"key":"2026-03-01"}, …]` (time as written, the
   * source record's natural key); buckets: `[{"start":"2026-03-01","count":2,"min":…,"max":…,
   * "value":…}, …]` with `value` combined by the catalog's aggregation.
   */
  json: string;
  /** raw only: more points than `limit` exist in the range. */
  truncated: boolean;
}

/** The local ISO time of a row: the wall clock as written, then the offset written with it. */
const LOCAL_ISO = sql.raw(`replace(m.local_ts::text, ' ', 'T') || case when m.utc_offset is null then ''
  else case when m.utc_offset < 0 then '-' else '+' end || lpad((abs(m.utc_offset) / 60)::text, 2, '0')
    || ':' || lpad((abs(m.utc_offset) % 60)::text, 2, '0') end`);

const TRUNC: Record<Exclude<SeriesBucket, "raw">, string> = {
  hour: `to_char(date_trunc('hour', m.local_ts), 'YYYY-MM-DD"T"HH24:00')`,
  day: "m.local_ts::date::text",
  // ISO weeks: date_trunc('week') starts on Monday.
  week: "date_trunc('week', m.local_ts)::date::text",
  month: "date_trunc('month', m.local_ts)::date::text",
};

function combine(def: MeasurementDefinition): string {
  switch (def.aggregation) {
    case "mean":
      return "avg(m.value)";
    case "sum":
      return "sum(m.value)";
    case "min":
      return "min(m.value)";
    case "max":
      return "max(m.value)";
    case "last":
      return "(array_agg(m.value order by m.local_ts desc))[1]";
  }
}

/** One subquery per measurement: each reads its own range of measurements_user_idx in order. */
function seriesQuery(args: ReadSeriesArgs, def: MeasurementDefinition, limit: number): SQL {
  const where = sql`m.user_id = ${args.userId} and m.measurement = ${def.code}
    and m.local_ts >= ${args.startDate}::date and m.local_ts < ${args.endDate}::date + 1`;
  if (args.bucket === "raw") {
    return sql`select ${def.code}::int as code, count(*) > ${limit} as truncated,
        coalesce(json_agg(json_build_object('t', p.t, 'v', p.value, 'key', p.key) order by p.local_ts)
          filter (where p.n <= ${limit}), '[]')::text as json
      from (select m.local_ts, ${LOCAL_ISO} as t, m.value, r.natural_key as key,
              row_number() over (order by m.local_ts) as n
            from measurements m join ${sql.identifier(def.model)} r on r.id = m.record_id
            where ${where}
            order by m.local_ts limit ${limit + 1}) p`;
  }
  const bucket = sql.raw(TRUNC[args.bucket]);
  return sql`select ${def.code}::int as code, false as truncated,
      coalesce(json_agg(json_build_object('start', b.start, 'count', b.n, 'min', b.lo, 'max', b.hi,
        'value', b.v) order by b.start), '[]')::text as json
    from (select ${bucket} as start, count(*)::int as n, min(m.value) as lo, max(m.value) as hi,
            ${sql.raw(combine(def))} as v
          from measurements m where ${where} group by 1) b`;
}

/** The user's series of each requested measurement, in the order asked. Unknown codes are skipped. */
export async function readSeries(ex: Executor, args: ReadSeriesArgs): Promise<SeriesJson[]> {
  const limit = Math.min(Math.max(args.limit ?? 10_000, 1), 100_000);
  const defs = args.measurements
    .map((c) => measurementByCode(c))
    .filter((d): d is MeasurementDefinition => d !== undefined);
  if (defs.length === 0) return [];
  const parts = defs.map((d) => sql`(${seriesQuery(args, d, limit)})`);
  const r = await rows<{ code: number; json: string; truncated: boolean }>(
    ex,
    sql.join(parts, sql` union all `),
  );
  const byCode = new Map(r.map((x) => [Number(x.code), x]));
  return defs.map((d) => {
    const x = byCode.get(d.code);
    return { code: d.code, json: x?.json ?? "[]", truncated: x?.truncated === true };
  });
}

export interface ThresholdArgs {
  measurement: number;
  startDate: string;
  endDate: string;
  /** Inclusive bounds on the value; at least one is usually given. */
  min?: number | null;
  max?: number | null;
  /** The previous page's nextCursor. */
  cursor?: string | null;
  /** 1–1000, default 100. */
  limit?: number;
}

export interface ThresholdRow {
  userId: string;
  /** Points in range whose value is within [min, max]. */
  count: number;
  min: number;
  max: number;
  /** The first and last such point's local time (wall clock as written, no offset). */
  first: string;
  last: string;
}

function encodeUserCursor(userId: string): string {
  return Buffer.from(`u:${userId}`).toString("base64url");
}

function decodeUserCursor(cursor: string): string {
  const text = Buffer.from(cursor, "base64url").toString("utf8");
  if (!text.startsWith("u:") || text.length < 3 || Buffer.from(text).toString("base64url") !== cursor) {
    throw new InvalidCursorError();
  }
  return text.slice(2);
}

/** The threshold query, apart so a test can EXPLAIN it. */
export function thresholdQuery(args: ThresholdArgs, limit: number): SQL {
  const conds: SQL[] = [
    sql`measurement = ${args.measurement}`,
    sql`local_ts >= ${args.startDate}::date and local_ts < ${args.endDate}::date + 1`,
  ];
  if (args.min != null) conds.push(sql`value >= ${args.min}::float8`);
  if (args.max != null) conds.push(sql`value <= ${args.max}::float8`);
  if (args.cursor) conds.push(sql`user_id > ${decodeUserCursor(args.cursor)}`);
  return sql`select user_id, count(*)::int as n, min(value) as lo, max(value) as hi,
      replace(min(local_ts)::text, ' ', 'T') as first, replace(max(local_ts)::text, ' ', 'T') as last
    from measurements where ${sql.join(conds, sql` and `)}
    group by user_id order by user_id limit ${limit + 1}`;
}

/**
 * Users with a value of one measurement within [min, max] in the range (e.g. systolic ≥ 140 this
 * week), by user id, paged. Reads measurements_threshold_idx (measurement, local_ts, value, user_id)
 * without touching the table. Throws InvalidCursorError on a cursor it did not issue.
 */
export async function thresholdCrossings(
  ex: Executor,
  args: ThresholdArgs,
): Promise<{ items: ThresholdRow[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(args.limit ?? 100, 1), 1000);
  const r = await rows<{ user_id: string; n: number; lo: number; hi: number; first: string; last: string }>(
    ex,
    thresholdQuery(args, limit),
  );
  const items = r.slice(0, limit).map((x) => ({
    userId: x.user_id,
    count: Number(x.n),
    min: Number(x.lo),
    max: Number(x.hi),
    first: x.first,
    last: x.last,
  }));
  const last = items.at(-1);
  return { items, nextCursor: r.length > limit && last ? encodeUserCursor(last.userId) : null };
}
