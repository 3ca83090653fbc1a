// The coverage heatmap: for each data type and day of the range, whether a record is stored, the
// backfill ledger says it was fetched and Terra had nothing (missing), a live backfill job covers
// it (asked and waiting), or nobody has asked yet. Read from the records, GET /v1/users/{id}
// (the ledger's ranges) and GET /v1/backfills?user_id=… .
// Later: the same from the series API's per-day counts and the coverage route.
import { unwrap } from "@wearables/admin-client";
import { daysOf } from "../range.ts";
import { loadRecords } from "./records.ts";
import type { LoadArgs, RecordType } from "./types.ts";

export const COVERAGE_TYPES: RecordType[] = ["body", "daily", "sleep", "activity"];
export type CellState = "stored" | "missing" | "waiting" | "unknown";

export interface CoverageGrid {
  days: string[];
  rows: { type: RecordType; cells: CellState[] }[];
}

const LIVE_JOB = new Set(["queued", "running", "waiting"]);
const inRanges = (day: string, ranges: { start: string; end: string }[]) =>
  ranges.some((r) => r.start <= day && day <= r.end);

export async function loadCoverage(args: LoadArgs): Promise<CoverageGrid> {
  const [user, jobs, ...records] = await Promise.all([
    unwrap(args.client.GET("/v1/users/{id}", { params: { path: { id: args.userId } } })),
    unwrap(args.client.GET("/v1/backfills", { params: { query: { user_id: args.userId, limit: 100 } } })),
    ...COVERAGE_TYPES.map((t) => loadRecords(args, t)),
  ]);
  const days = daysOf(args.range);
  const rows = COVERAGE_TYPES.map((type, i) => {
    const stored = new Set((records[i] ?? []).map((r) => r.date));
    const fetched = (user.coverage.find((c) => c.type === type)?.ranges ?? []).map((r) => ({
      start: r.start_date,
      end: r.end_date,
    }));
    const asked = jobs.data
      .filter((j) => LIVE_JOB.has(j.status) && j.types.includes(type))
      .map((j) => ({ start: j.start_date, end: j.end_date }));
    const cells = days.map((day): CellState => {
      if (stored.has(day)) return "stored";
      if (inRanges(day, asked)) return "waiting";
      if (inRanges(day, fetched)) return "missing";
      return "unknown";
    });
    return { type, cells };
  });
  return { days, rows };
}
