// The SQL of readRecords and dailySummary, apart so that a test can EXPLAIN exactly what readRecords runs without
// the package exporting it.
import { type DataType, isCalendarDate } from "@wearables/schemas";
import { type SQL, sql } from "drizzle-orm";
import { recordTable } from "../record-tables.ts";

export interface ReadRecordsArgs {
  userId: string;
  type: DataType;
  /** Inclusive YYYY-MM-DD bounds on local_date (the date part as written). */
  startDate?: string;
  endDate?: string;
  cursor?: string | null;
  /** 1–1000, default 100. */
  limit?: number;
  /**
   * A page's byte budget: the page ends early (with a next cursor) once its documents' JSON
   * reaches this many bytes; its first record comes whatever its size. Default: no budget.
   */
  maxBytes?: number;
}

export interface Cursor {
  d: string | null;
  i: number;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

/**
 * A cursor is ours only if both fields could have come from a row: an id is a positive safe
 * integer (not 1.5, not 1e300, not 1e400 which JSON reads as Infinity) and a date a real calendar
 * day PostgreSQL can hold (not 2026-99-99, not 0000-00-00). Anything else would reach the server
 * as a parameter it refuses, a 500 for what is the caller's mistake.
 */
function decodeCursor(s: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as Partial<Cursor> | null;
    if (
      c !== null &&
      typeof c === "object" &&
      Number.isSafeInteger(c.i) &&
      (c.i as number) >= 0 &&
      (c.d === null || (typeof c.d === "string" && isCalendarDate(c.d)))
    )
      return { d: c.d, i: c.i as number };
  } catch {}
  throw new InvalidCursorError();
}

export class InvalidCursorError extends Error {
  constructor() {
    super("invalid cursor");
    this.name = "InvalidCursorError";
  }
}

/** 1–1000, default 100. */
export function pageLimit(args: ReadRecordsArgs): number {
  return Math.min(Math.max(args.limit ?? 100, 1), 1000);
}

/**
 * One page plus one row (to tell whether another page follows). Throws InvalidCursorError.
 *
 * With `maxBytes`, every row also carries its document's stored size and the stored size of the
 * documents before it on the page (`pg_column_size`: read from the tuple, no detoasting), and a
 * document is converted to text only while that running size is under `storedBudget`; the rows
 * after come back without text and only tell that the page goes on. Stored jsonb is compressed,
 * several times smaller than its text for large documents, so readRecordsJson passes a budget in
 * stored bytes derived from the one in text bytes and makes the exact cut on the text.
 */
export function recordsQuery(args: ReadRecordsArgs, storedBudget?: number): SQL {
  const table = recordTable(args.type);
  const conds: SQL[] = [sql`user_id = ${args.userId}`];
  if (args.startDate) conds.push(sql`local_date >= ${args.startDate}::date`);
  if (args.endDate) conds.push(sql`local_date <= ${args.endDate}::date`);
  if (args.cursor) {
    const c = decodeCursor(args.cursor);
    // A row comparison (not an OR of two cases) lets the index scan start at the cursor; it is
    // null for a null local_date, so the dateless rows (which come first) stay excluded.
    conds.push(
      c.d === null
        ? sql`(local_date is not null or id > ${c.i})`
        : sql`(local_date, id) > (${c.d}::date, ${c.i}::bigint)`,
    );
  }
  // ORDER BY the column itself (its text copy has another name), in the order of the
  // (user_id, local_date NULLS FIRST, id) index of migration 0003: PostgreSQL then reads the index
  // in order and stops at the limit instead of sorting every matching row.
  const where = sql.join(conds, sql` and `);
  const limit = pageLimit(args) + 1;
  if (args.maxBytes === undefined) {
    return sql`select id, user_id, natural_key, local_date::text as local_day, start_time, end_time,
        document::text as document_json, ordering_ts, source, event_id, received_at, updated_at
      from ${table}
      where ${where}
      order by local_date asc nulls first, id asc
      limit ${limit}`;
  }
  const budget = Math.max(1, Math.floor(storedBudget ?? args.maxBytes));
  return sql`select id, user_id, natural_key, local_day, start_time, end_time,
      case when stored_before < ${budget} then document::text end as document_json, stored_size,
      ordering_ts, source, event_id, received_at, updated_at
    from (
      select id, user_id, natural_key, local_date, local_date::text as local_day, start_time, end_time, document,
          ordering_ts, source, event_id, received_at, updated_at, pg_column_size(document) as stored_size,
          coalesce(sum(pg_column_size(document)) over (order by local_date asc nulls first, id asc
            rows between unbounded preceding and 1 preceding), 0) as stored_before
        from ${table}
        where ${where}
        order by local_date asc nulls first, id asc
        limit ${limit}
    ) page
    order by local_date asc nulls first, id asc`;
}

/** dailySummary's query: each table read once, through its (user_id, local_date) index, full-joined by day. */
export function summaryQuery(args: { userId: string; startDate: string; endDate: string }): SQL {
  const { userId, startDate: from, endDate: to } = args;
  const inRange = sql`user_id = ${userId} and local_date between ${from}::date and ${to}::date`;
  // A day with only naps still gets a row, with no sleep figures.
  const notNap = sql`(document -> 'metadata' -> 'is_nap') is distinct from 'true'::jsonb`;
  return sql`select local_date::text as date, d.steps, d.distance_meters, d.active_calories, d.resting_hr_bpm,
          b.weight_kg, b.bodyfat_percentage, b.systolic_bp, b.diastolic_bp, b.afib_positive_count,
          s.asleep, s.efficiency
        from (select local_date, steps, distance_meters, active_calories, resting_hr_bpm
              from daily where ${inRange}) d
        full join (select local_date, weight_kg, bodyfat_percentage, systolic_bp, diastolic_bp, afib_positive_count
              from body where ${inRange}) b using (local_date)
        full join (select local_date, sum(asleep_seconds) filter (where ${notNap}) as asleep,
                avg(sleep_efficiency) filter (where ${notNap}) as efficiency
              from sleep where ${inRange} group by local_date) s using (local_date)
        order by local_date`;
}
