/**
 * Dates and IANA time zones without a library: Intl gives the offset at an instant, which is
 * all we need to write Terra's `YYYY-MM-DDTHH:mm:ss.ffffff+HH:MM` local timestamps.
 */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

const offsetCache = new Map<string, number>();
const QUARTER_HOUR = 900_000;

/** Offset of `timeZone` from UTC at instant `ms`, in minutes (east positive). */
export function offsetMinutes(timeZone: string, ms: number): number {
  // Offsets change only on quarter-hour boundaries; Intl is slow enough to be worth caching.
  const key = `${timeZone}|${Math.floor(ms / QUARTER_HOUR)}`;
  const hit = offsetCache.get(key);
  if (hit !== undefined) return hit;
  if (offsetCache.size > 200_000) offsetCache.clear();
  const value = intlOffset(timeZone, ms);
  offsetCache.set(key, value);
  return value;
}

function intlOffset(timeZone: string, ms: number): number {
  let f = offsetFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" });
    offsetFormatters.set(timeZone, f);
  }
  const name = f.formatToParts(new Date(ms)).find((p) => p.type === "timeZoneName")?.value ?? "GMT";
  const m = /GMT([+-])(\d{2}):(\d{2})/.exec(name);
  if (!m) return 0;
  const sign = m[1] === "-" ? -1 : 1;
  return sign * (Number(m[2]) * 60 + Number(m[3]));
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

function offsetText(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/**
 * `ms` written in `timeZone` with its offset and microsecond precision, as Terra writes it.
 * `fixedOffset` forces an offset (used so a day's end is written with the day's start offset).
 */
export function formatLocal(ms: number, timeZone: string, fixedOffset?: number): string {
  const off = fixedOffset ?? offsetMinutes(timeZone, ms);
  const d = new Date(ms + off * 60_000);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return `${date}T${time}.${pad(d.getUTCMilliseconds(), 3)}000${offsetText(off)}`;
}

export function isDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return toDate(t) === s;
}

/** `YYYY-MM-DD` of a UTC epoch-ms (for date arithmetic only). */
function toDate(utcMs: number): string {
  return new Date(utcMs).toISOString().slice(0, 10);
}

function dateUtcMs(date: string): number {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
}

export function addDays(date: string, days: number): string {
  return toDate(dateUtcMs(date) + days * DAY_MS);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((dateUtcMs(b) - dateUtcMs(a)) / DAY_MS);
}

/** Every date from `start` to `end`, both inclusive. */
export function eachDate(start: string, end: string): string[] {
  const out: string[] = [];
  for (let d = start; d <= end; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The local calendar date in `timeZone` at instant `ms`. */
export function localDate(ms: number, timeZone: string): string {
  return toDate(ms + offsetMinutes(timeZone, ms) * 60_000);
}

/** Epoch ms of local midnight starting `date` in `timeZone` (DST-safe: two passes). */
export function localMidnight(date: string, timeZone: string): number {
  const naive = dateUtcMs(date);
  let guess = naive - offsetMinutes(timeZone, naive) * 60_000;
  guess = naive - offsetMinutes(timeZone, guess) * 60_000;
  return guess;
}

/** Epoch ms of a local wall-clock time on `date`, `minutes` after midnight. */
export function localTime(date: string, timeZone: string, minutes: number): number {
  const naive = dateUtcMs(date) + minutes * 60_000;
  let guess = naive - offsetMinutes(timeZone, naive) * 60_000;
  guess = naive - offsetMinutes(timeZone, guess) * 60_000;
  return guess;
}

/** `YYYY-MM` of a date, for Terra's "crosses a calendar month" rule. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

/** An instant in UTC as Terra writes it: microseconds and `+00:00`, never `Z`. */
export function utcTimestamp(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 23)}000+00:00`;
}
