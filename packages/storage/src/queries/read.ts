import { type Executor, rows } from "../db.ts";
import { encodeCursor, pageLimit, type ReadRecordsArgs, recordsQuery, summaryQuery } from "./read-query.ts";

export { InvalidCursorError, type ReadRecordsArgs } from "./read-query.ts";

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

/** A RecordRow whose document stays PostgreSQL's JSON text, for callers that only pass it on. */
export interface RecordJsonRow extends Omit<RecordRow, "document"> {
  /** The stored document as JSON text (valid JSON; key order and spacing as PostgreSQL prints jsonb). */
  documentJson: string;
}

/**
 * A user's records of one type, ordered by (local_date, id) with rows without a date first. The
 * cursor is that key, so inserts during paging never make a page skip or repeat a row.
 */
export async function readRecords(
  ex: Executor,
  args: ReadRecordsArgs,
): Promise<{ items: RecordRow[]; nextCursor: string | null }> {
  const page = await readRecordsJson(ex, args);
  const items = page.items.map(({ documentJson, ...r }) => ({
    ...r,
    document: JSON.parse(documentJson) as unknown,
  }));
  return { items, nextCursor: page.nextCursor };
}

/**
 * readRecords with each document left as JSON text: an HTTP handler splices it into its answer
 * instead of parsing a year of documents (~400 KB) into objects only to serialise them again.
 */
export async function readRecordsJson(
  ex: Executor,
  args: ReadRecordsArgs,
): Promise<{ items: RecordJsonRow[]; nextCursor: string | null }> {
  const limit = pageLimit(args);
  if (args.maxBytes === undefined) {
    const items = (await rows<Record<string, unknown>>(ex, recordsQuery(args))).map(toRecordJsonRow);
    const page = items.slice(0, limit);
    return { items: page, nextCursor: items.length > limit ? cursorAfter(page) : null };
  }
  return budgetedPage(ex, args, limit, args.maxBytes);
}

/**
 * Text bytes per stored byte assumed before any document of the page is seen: large documents
 * compress 3–8× (lz4 or pglz); a guess too high only means a second query, one too low would
 * convert documents the page then drops.
 */
const FIRST_RATIO = 8;

/**
 * A page cut at `maxBytes` of document text. Each query converts documents to text only up to a
 * budget in stored bytes (see recordsQuery); when that proves too small for the text budget (the
 * documents compress less than guessed), the page goes on from its last row with a budget scaled
 * by the ratio seen so far. One query in the usual case, two when the guess was far off.
 */
async function budgetedPage(
  ex: Executor,
  args: ReadRecordsArgs,
  limit: number,
  maxBytes: number,
): Promise<{ items: RecordJsonRow[]; nextCursor: string | null }> {
  const page: RecordJsonRow[] = [];
  let textBytes = 0;
  let storedBytes = 0;
  let cursor = args.cursor ?? null;
  for (let query = 0; query < limit; query++) {
    const ratio = storedBytes > 0 ? textBytes / storedBytes : FIRST_RATIO;
    const storedBudget = ((maxBytes - textBytes) / Math.max(ratio, 1)) * 1.1;
    const want = limit - page.length;
    const raw = await rows<Record<string, unknown>>(
      ex,
      recordsQuery({ ...args, cursor, limit: want }, storedBudget),
    );
    let withheld = false;
    for (const [i, r] of raw.entries()) {
      if (i === want) return { items: page, nextCursor: cursorAfter(page) }; // the look-ahead row
      if (r.document_json == null) {
        withheld = true;
        break;
      }
      const row = toRecordJsonRow(r);
      const size = Buffer.byteLength(row.documentJson);
      if (page.length > 0 && textBytes + size > maxBytes)
        return { items: page, nextCursor: cursorAfter(page) };
      page.push(row);
      textBytes += size;
      storedBytes += Number(r.stored_size);
    }
    if (!withheld) return { items: page, nextCursor: null };
    if (textBytes >= maxBytes) return { items: page, nextCursor: cursorAfter(page) };
    cursor = cursorAfter(page);
  }
  return { items: page, nextCursor: cursorAfter(page) };
}

function cursorAfter(page: readonly RecordJsonRow[]): string | null {
  const last = page.at(-1);
  return last ? encodeCursor({ d: last.localDate, i: last.id }) : null;
}

function toRecordJsonRow(r: Record<string, unknown>): RecordJsonRow {
  return {
    id: Number(r.id),
    userId: String(r.user_id),
    naturalKey: String(r.natural_key),
    localDate: (r.local_day as string | null) ?? null,
    startTime: (r.start_time as string | null) ?? null,
    endTime: (r.end_time as string | null) ?? null,
    documentJson: String(r.document_json),
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

/**
 * One row per day that has any daily, body or sleep record in the inclusive range. Each table is
 * read once through its (user_id, local_date) index and the three are full-joined on the day.
 */
export async function dailySummary(
  ex: Executor,
  args: { userId: string; startDate: string; endDate: string },
): Promise<DaySummary[]> {
  const raw = await rows<Record<string, unknown>>(ex, summaryQuery(args));
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
