import type { DataType } from "@wearables/schemas";
import { type SQL, sql } from "drizzle-orm";
import { type Executor, rows } from "../db.ts";
import { recordTable } from "../record-tables.ts";

export interface RecordRow {
  id: number;
  userId: string;
  naturalKey: string;
  localDate: string | null;
  startTime: string | null;
  endTime: string | null;
  document: unknown;
  orderingTs: number;
  source: string;
  eventId: number | null;
  receivedAt: Date;
  updatedAt: Date;
}

export interface ReadRecordsArgs {
  userId: string;
  type: DataType;
  /** Inclusive YYYY-MM-DD bounds on local_date (the date part as written). */
  startDate?: string;
  endDate?: string;
  cursor?: string | null;
  /** 1–1000, default 100. */
  limit?: number;
}

interface Cursor {
  d: string | null;
  i: number;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

function decodeCursor(s: string): Cursor {
  try {
    const c = JSON.parse(Buffer.from(s, "base64url").toString("utf8")) as Cursor;
    if (typeof c.i === "number" && (c.d === null || /^\d{4}-\d{2}-\d{2}$/.test(c.d))) return c;
  } catch {}
  throw new InvalidCursorError();
}

export class InvalidCursorError extends Error {
  constructor() {
    super("invalid cursor");
    this.name = "InvalidCursorError";
  }
}

/**
 * A user's records of one type, ordered by (local_date, id) with rows without a date first. The
 * cursor is that key, so inserts during paging never make a page skip or repeat a row.
 */
export async function readRecords(
  ex: Executor,
  args: ReadRecordsArgs,
): Promise<{ items: RecordRow[]; nextCursor: string | null }> {
  const limit = Math.min(Math.max(args.limit ?? 100, 1), 1000);
  const table = recordTable(args.type);
  const conds: SQL[] = [sql`user_id = ${args.userId}`];
  if (args.startDate) conds.push(sql`local_date >= ${args.startDate}::date`);
  if (args.endDate) conds.push(sql`local_date <= ${args.endDate}::date`);
  if (args.cursor) {
    const c = decodeCursor(args.cursor);
    conds.push(
      c.d === null
        ? sql`(local_date is not null or id > ${c.i})`
        : sql`(local_date > ${c.d}::date or (local_date = ${c.d}::date and id > ${c.i}))`,
    );
  }
  const raw = await rows<Record<string, unknown>>(
    ex,
    sql`select id, user_id, natural_key, local_date::text as local_date, start_time, end_time, document,
          ordering_ts, source, event_id, received_at, updated_at
        from ${table}
        where ${sql.join(conds, sql` and `)}
        order by local_date asc nulls first, id asc
        limit ${limit + 1}`,
  );
  const items = raw.map(toRecordRow);
  const more = items.length > limit;
  const page = more ? items.slice(0, limit) : items;
  const last = page.at(-1);
  return { items: page, nextCursor: more && last ? encodeCursor({ d: last.localDate, i: last.id }) : null };
}

function toRecordRow(r: Record<string, unknown>): RecordRow {
  return {
    id: Number(r.id),
    userId: String(r.user_id),
    naturalKey: String(r.natural_key),
    localDate: (r.local_date as string | null) ?? null,
    startTime: (r.start_time as string | null) ?? null,
    endTime: (r.end_time as string | null) ?? null,
    document: typeof r.document === "string" ? JSON.parse(r.document) : r.document,
    orderingTs: Number(r.ordering_ts),
    source: String(r.source),
    eventId: r.event_id == null ? null : Number(r.event_id),
    receivedAt: new Date(r.received_at as string | Date),
    updatedAt: new Date(r.updated_at as string | Date),
  };
}

export interface DaySummary {
  date: string;
  steps: number | null;
  distanceMeters: number | null;
  activeCalories: number | null;
  restingHrBpm: number | null;
  weightKg: number | null;
  bodyfatPercentage: number | null;
  systolicBp: number | null;
  diastolicBp: number | null;
  afibPositiveCount: number | null;
  /** Total of the day's sleep sessions, naps excluded, by the local date their start falls on. */
  sleepSeconds: number | null;
  sleepEfficiency: number | null;
}

/** One row per day that has any daily, body or sleep record in the inclusive range. */
export async function dailySummary(
  ex: Executor,
  args: { userId: string; startDate: string; endDate: string },
): Promise<DaySummary[]> {
  const { userId, startDate: from, endDate: to } = args;
  const raw = await rows<Record<string, unknown>>(
    ex,
    sql`with days as (
          select local_date from daily where user_id = ${userId} and local_date between ${from}::date and ${to}::date
          union select local_date from body where user_id = ${userId} and local_date between ${from}::date and ${to}::date
          union select local_date from sleep where user_id = ${userId} and local_date between ${from}::date and ${to}::date
        ),
        s as (
          select local_date, sum(asleep_seconds) as asleep, avg(sleep_efficiency) as efficiency
          from sleep where user_id = ${userId} and local_date between ${from}::date and ${to}::date
            and (document -> 'metadata' -> 'is_nap') is distinct from 'true'::jsonb
          group by local_date
        )
        select days.local_date::text as date, d.steps, d.distance_meters, d.active_calories, d.resting_hr_bpm,
          b.weight_kg, b.bodyfat_percentage, b.systolic_bp, b.diastolic_bp, b.afib_positive_count,
          s.asleep, s.efficiency
        from days
        left join daily d on d.user_id = ${userId} and d.local_date = days.local_date
        left join body b on b.user_id = ${userId} and b.local_date = days.local_date
        left join s on s.local_date = days.local_date
        order by days.local_date`,
  );
  const n = (v: unknown) => (v == null ? null : Number(v));
  return raw.map((r) => ({
    date: String(r.date),
    steps: n(r.steps),
    distanceMeters: n(r.distance_meters),
    activeCalories: n(r.active_calories),
    restingHrBpm: n(r.resting_hr_bpm),
    weightKg: n(r.weight_kg),
    bodyfatPercentage: n(r.bodyfat_percentage),
    systolicBp: n(r.systolic_bp),
    diastolicBp: n(r.diastolic_bp),
    afibPositiveCount: n(r.afib_positive_count),
    sleepSeconds: n(r.asleep),
    sleepEfficiency: n(r.efficiency),
  }));
}
