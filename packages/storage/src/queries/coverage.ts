import { sql } from "drizzle-orm";
import { type Executor, rows } from "../db.ts";

export interface DateRange {
  /** Inclusive YYYY-MM-DD. */
  start: string;
  end: string;
}

export interface MarkCoverageArgs {
  userId: string;
  type: string;
  startDate: string;
  endDate: string;
  source: string;
  jobId?: number | null;
  at?: Date;
}

/**
 * Records that [startDate, endDate] was fetched. Ranges of the same user and type that overlap or
 * touch (end + 1 day = start) are merged into one row, so the ledger stays small.
 */
export async function markCoverage(ex: Executor, args: MarkCoverageArgs): Promise<DateRange> {
  if (args.endDate < args.startDate) throw new Error("markCoverage: endDate before startDate");
  const at = (args.at ?? new Date()).toISOString();
  // One statement: lock, merge and insert in wearables_mark_coverage (migration 0006).
  const [range] = await rows<{ start: string; end: string }>(
    ex,
    sql`select range_start::text as start, range_end::text as end
        from wearables_mark_coverage(${args.userId}, ${args.type}, ${args.startDate}::date, ${args.endDate}::date,
          ${at}::timestamptz, ${args.source}, ${args.jobId ?? null}::bigint)`,
  );
  if (!range) throw new Error("markCoverage: the merged range was not written");
  return range;
}

/** The inclusive ranges of [from, to] that no coverage row holds, in order. */
export async function listGaps(
  ex: Executor,
  args: { userId: string; type: string; from: string; to: string },
): Promise<DateRange[]> {
  if (args.to < args.from) return [];
  const covered = await rows<{ start: string; end: string }>(
    ex,
    sql`select start_date::text as start, end_date::text as end from coverage
        where user_id = ${args.userId} and data_type = ${args.type}
          and start_date <= ${args.to}::date and end_date >= ${args.from}::date
        order by start_date, end_date`,
  );
  const gaps: DateRange[] = [];
  let cursor = args.from;
  for (const c of covered) {
    if (c.start > cursor) gaps.push({ start: cursor, end: minDate(addDays(c.start, -1), args.to) });
    const after = addDays(c.end, 1);
    if (after > cursor) cursor = after;
    if (cursor > args.to) return gaps;
  }
  if (cursor <= args.to) gaps.push({ start: cursor, end: args.to });
  return gaps;
}

export interface CoverageSummaryRow {
  type: string;
  ranges: (DateRange & { fetchedAt: Date; source: string })[];
  days: number;
}

/** Per data type: the covered ranges and the number of covered days. */
export async function coverageSummary(ex: Executor, userId: string): Promise<CoverageSummaryRow[]> {
  const r = await rows<{
    data_type: string;
    start: string;
    end: string;
    fetched_at: string | Date;
    source: string;
  }>(
    ex,
    sql`select data_type, start_date::text as start, end_date::text as end, fetched_at, source
        from coverage where user_id = ${userId} order by data_type, start_date`,
  );
  const byType = new Map<string, CoverageSummaryRow>();
  for (const row of r) {
    let s = byType.get(row.data_type);
    if (!s) {
      s = { type: row.data_type, ranges: [], days: 0 };
      byType.set(row.data_type, s);
    }
    s.ranges.push({
      start: row.start,
      end: row.end,
      fetchedAt: new Date(row.fetched_at),
      source: row.source,
    });
    s.days += daysBetween(row.start, row.end) + 1;
  }
  return [...byType.values()];
}

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
