// Time ranges in local days. Terra dates a record by the date part of its start time as written
// (the wearer's local day), and the API filters on those dates: a range is a pair of such dates,
// inclusive, and "today" is the viewer's local calendar day.

export const RANGE_KINDS = ["week", "month", "year", "custom"] as const;
export type RangeKind = (typeof RANGE_KINDS)[number];

export interface DayRange {
  start: string;
  end: string;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.toISOString().slice(0, 10) === s;
}

/** The calendar day of `d` on the viewer's clock. */
export function localDate(d: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** Calendar arithmetic on dates (no clock, so no daylight-saving day of 23 or 25 hours). */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

function addMonths(date: string, n: number): string {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  // 31 March minus a month is the last day of February, not 3 March.
  const last = new Date(Date.UTC(y, m - 1 + n + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m - 1 + n, Math.min(d, last))).toISOString().slice(0, 10);
}

/** week: the last 7 days; month and year: since the same day a month or a year ago; both ends inclusive. */
export function rangeFor(kind: RangeKind, today: string, custom?: DayRange): DayRange {
  switch (kind) {
    case "week":
      return { start: addDays(today, -6), end: today };
    case "month":
      return { start: addDays(addMonths(today, -1), 1), end: today };
    case "year":
      return { start: addDays(addMonths(today, -12), 1), end: today };
    case "custom":
      return custom && isDate(custom.start) && isDate(custom.end) && custom.start <= custom.end
        ? custom
        : { start: addDays(today, -6), end: today };
  }
}

export function daysOf(r: DayRange): string[] {
  const out: string[] = [];
  for (let d = r.start; d <= r.end && out.length < 5000; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Seconds since the epoch at the start of `date` on the viewer's clock (uPlot's x values). */
export function dayStart(date: string): number {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(y, m - 1, d).getTime() / 1000;
}

const STAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?/;

/**
 * A Terra timestamp placed at its wall-clock time as written ("06:29 on the 21st" where the wearer
 * was), ignoring the offset: points then fall on the same local day as the API dates them.
 */
export function wallClock(ts: string | null | undefined): number | null {
  const m = ts ? STAMP.exec(ts) : null;
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  return new Date(+y!, +mo! - 1, +d!, +h!, +mi!, +(s ?? 0)).getTime() / 1000;
}
