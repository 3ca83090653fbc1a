// The coverage heatmap: for each data type and day of the range, whether data is stored, the
// backfill ledger says it was fetched and Terra had nothing (missing), a live backfill job covers
// it (asked and waiting), or nobody has asked yet. Read from GET /v1/users/{id}/coverage (the
// ledger's ranges), GET /v1/backfills?user_id=… and one request of the series API's per-day counts,
// which costs a few numbers a day where the documents cost whole records.
import { unwrap } from "@wearables/admin-client";
import { daysOf } from "../range.ts";
import { catalog, type MeasurementName } from "./series.ts";
import type { LoadArgs, RecordType } from "./types.ts";

export const COVERAGE_TYPES: RecordType[] = ["body", "daily", "sleep", "activity"];
export type CellState = "stored" | "missing" | "waiting" | "unknown";

/**
 * A day has a record of a type when one of these measurements of that type has a point on it: what
 * each Withings device writes, within the series route's twelve per request. A record with none of
 * them (a nap alone, a body day of only an ECG waveform) is not seen as stored.
 */
const STORED_BY: MeasurementName[] = [
  "weight",
  "systolic_bp",
  "pulse",
  "spo2",
  "body_temperature",
  "afib_classification",
  "ecg_result",
  "steps",
  "total_calories",
  "resting_heart_rate",
  "sleep_duration",
  "workout_type",
];

export interface CoverageGrid {
  days: string[];
  rows: { type: RecordType; cells: CellState[] }[];
}

const LIVE_JOB = new Set(["queued", "running", "waiting"]);
const inRanges = (day: string, ranges: { start: string; end: string }[]) =>
  ranges.some((r) => r.start <= day && day <= r.end);

export async function loadCoverage(args: LoadArgs): Promise<CoverageGrid> {
  const [coverage, jobs, counts, known] = await Promise.all([
    unwrap(args.client.GET("/v1/users/{id}/coverage", { params: { path: { id: args.userId } } })),
    unwrap(args.client.GET("/v1/backfills", { params: { query: { user_id: args.userId, limit: 100 } } })),
    unwrap(
      args.client.GET("/v1/users/{id}/series", {
        params: {
          path: { id: args.userId },
          query: { measurement: STORED_BY, start: args.range.start, end: args.range.end, bucket: "day" },
        },
      }),
    ),
    catalog(args.client),
  ]);
  const stored = new Map<string, Set<string>>();
  for (const s of counts.series) {
    const type = known.get(s.measurement)?.model;
    if (!type) continue;
    const days = stored.get(type) ?? new Set();
    for (const day of s.buckets?.start ?? []) days.add(day);
    stored.set(type, days);
  }
  const days = daysOf(args.range);
  const rows = COVERAGE_TYPES.map((type) => {
    const fetched = (coverage.data.find((c) => c.type === type)?.ranges ?? []).map((r) => ({
      start: r.start_date,
      end: r.end_date,
    }));
    const asked = jobs.data
      .filter((j) => LIVE_JOB.has(j.status) && j.types.includes(type))
      .map((j) => ({ start: j.start_date, end: j.end_date }));
    const cells = days.map((day): CellState => {
      if (stored.get(type)?.has(day)) return "stored";
      if (inRanges(day, asked)) return "waiting";
      if (inRanges(day, fetched)) return "missing";
      return "unknown";
    });
    return { type, cells };
  });
  return { days, rows };
}
