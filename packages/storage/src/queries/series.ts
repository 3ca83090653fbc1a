// Reads of the measurements table (ADR 0304): one user's series, and who crossed a threshold.
// Each answer's JSON is built by PostgreSQL in the same statement (one text value per series),
// so a year of points never becomes rows of objects in the server only to be serialised again.
import { type MeasurementDefinition, measurementByCode, type SERIES_BUCKET_NAMES } from "@wearables/schemas";
import { type Executor, rows } from "../db.ts";
import { preparedRows } from "./prepared.ts";
import { encodeUserCursor, seriesQuery, thresholdQuery } from "./series-query.ts";

export type SeriesBucket = (typeof SERIES_BUCKET_NAMES)[number];

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
   * Columnar JSON. raw: `{"t":["2026-03-01T07:12:00+01:00", …],"v":[72.4, …],"key":["2026-03-01", …]}`
   * (time as written, value, the source record's natural key); buckets: `{"start":["2026-03-01", …],
   * "count":[…],"min":[…],"max":[…],"value":[…]}` with `value` combined by the catalog's aggregation.
   */
  json: string;
  /** raw only: more points than `limit` exist in the range. */
  truncated: boolean;
}

/** The JSON of a series without points, as readSeries gives it. */
export function emptySeriesJson(bucket: SeriesBucket): string {
  return bucket === "raw"
    ? '{"t":[],"v":[],"key":[]}'
    : '{"start":[],"count":[],"min":[],"max":[],"value":[]}';
}

/** The user's series of each requested measurement, in the order asked. Unknown codes are skipped. */
export async function readSeries(ex: Executor, args: ReadSeriesArgs): Promise<SeriesJson[]> {
  const limit = Math.min(Math.max(args.limit ?? 10_000, 1), 100_000);
  const defs = args.measurements
    .map((c) => measurementByCode(c))
    .filter((d): d is MeasurementDefinition => d !== undefined);
  if (defs.length === 0) return [];
  const { name, query } = seriesQuery(args, defs, limit);
  const r = await preparedRows<{ code: number; json: string; truncated: boolean }>(ex, name, query);
  const byCode = new Map(r.map((x) => [Number(x.code), x]));
  return defs.map((d) => {
    const x = byCode.get(d.code);
    return { code: d.code, json: x?.json ?? emptySeriesJson(args.bucket), truncated: x?.truncated === true };
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

/**
 * Users with a value of one measurement within [min, max] in the range (e.g. systolic ≥ 140 this
 * week), by user id, paged. Reads measurements_user_idx alone (see thresholdQuery). Throws
 * InvalidCursorError on a cursor it did not issue.
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
