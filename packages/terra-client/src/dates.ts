/** Terra's R1 limit: one data request may span at most this many days (end − start). */
export const MAX_REQUEST_DAYS = 1825;
/** Terra's R2 budget: requested days per user per rolling hour. */
export const DAYS_PER_USER_PER_HOUR = 6000;

export interface DateWindow {
  /** Inclusive `YYYY-MM-DD`. */
  start: string;
  /** Inclusive `YYYY-MM-DD`. */
  end: string;
}

export interface SplitOptions {
  /** Longest window in calendar days, both ends included. Capped at 1,825. */
  maxDays?: number;
  /**
   * Cut at every calendar-month boundary. Terra chunks a request (and answers with a
   * reference) only when it crosses a month, so month-aligned windows come back inline.
   */
  alignToMonths?: boolean;
}

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Dates are whole UTC calendar days held as day numbers since 1970-01-01: no time of day,
// no local zone, so DST and leap seconds cannot shift a boundary.
export function toDayNumber(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) throw new RangeError(`expected a YYYY-MM-DD date, got ${JSON.stringify(date)}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`not a calendar date: ${date}`);
  }
  return ms / DAY_MS;
}

export function fromDayNumber(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function lastDayOfMonth(day: number): number {
  const d = new Date(day * DAY_MS);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0) / DAY_MS;
}

/** Number of calendar days in an inclusive range (a single day counts 1). */
export function daysInRange(start: string, end: string): number {
  const s = toDayNumber(start);
  const e = toDayNumber(end);
  if (e < s) throw new RangeError(`end ${end} is before start ${start}`);
  return e - s + 1;
}

/**
 * Split an inclusive `YYYY-MM-DD` range into consecutive inclusive windows that cover it
 * exactly, each at most `maxDays` long (default and ceiling 1,825) and, with
 * `alignToMonths`, never crossing a calendar month.
 */
export function splitDateRange(start: string, end: string, options: SplitOptions = {}): DateWindow[] {
  const maxDays = options.maxDays ?? MAX_REQUEST_DAYS;
  if (!Number.isInteger(maxDays) || maxDays < 1) {
    throw new RangeError(`maxDays must be a positive integer, got ${maxDays}`);
  }
  // R1 allows end − start ≤ 1,825; an inclusive window of 1,825 days keeps below it.
  const limit = Math.min(maxDays, MAX_REQUEST_DAYS);
  const s = toDayNumber(start);
  const e = toDayNumber(end);
  if (e < s) throw new RangeError(`end ${end} is before start ${start}`);

  const windows: DateWindow[] = [];
  let cursor = s;
  while (cursor <= e) {
    let last = Math.min(e, cursor + limit - 1);
    if (options.alignToMonths) last = Math.min(last, lastDayOfMonth(cursor));
    windows.push({ start: fromDayNumber(cursor), end: fromDayNumber(last) });
    cursor = last + 1;
  }
  return windows;
}
