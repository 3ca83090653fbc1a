// A measurement's time as Terra writes it, split into the wall-clock time and the offset written
// with it. Terra's rule: "TimeZone info will be provided whenever possible. If absent, the time
// corresponds to the user's local time." So the wall clock as written is the user's local time in
// both cases, and a point's local day is the date part as written (never converted to UTC).

export interface SplitTime {
  /** `YYYY-MM-DD HH:MM:SS.ffffff`, the wall clock as written (PostgreSQL `timestamp`). */
  local: string;
  /** Minutes east of UTC as written; null when the timestamp carries no offset. */
  offsetMinutes: number | null;
}

const PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|([+-])(\d{2})(?::?(\d{2}))?)?$/;

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

/**
 * Splits `2026-07-01T07:04:11.000000+01:00` into `{ local: "2026-07-01 07:04:11.000000",
 * offsetMinutes: 60 }`. A date alone is its midnight. Returns null for anything that is not a real
 * calendar time (month 13, 30 February, hour 24, year 0000, an offset beyond ±18:00), so one odd
 * sample is left out of the series instead of failing a database statement; the document keeps it.
 */
export function splitTimestamp(value: unknown): SplitTime | null {
  if (typeof value !== "string") return null;
  const m = PATTERN.exec(value);
  if (!m) return null;
  const [, ys, mos, ds, hs = "00", mis = "00", ss = "00", frac = "", zone, sign, ohs, oms = "00"] = m;
  const y = Number(ys);
  const mo = Number(mos);
  const d = Number(ds);
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return null;
  if (d > (mo === 2 && isLeap(y) ? 29 : (DAYS[mo - 1] ?? 0))) return null;
  if (Number(hs) > 23 || Number(mis) > 59 || Number(ss) > 59) return null;
  let offsetMinutes: number | null = null;
  if (zone === "Z") offsetMinutes = 0;
  else if (zone) {
    const minutes = Number(ohs) * 60 + Number(oms);
    if (Number(oms) > 59 || minutes > 18 * 60) return null;
    offsetMinutes = sign === "-" ? -minutes : minutes;
  }
  const micros = frac.slice(0, 6).padEnd(6, "0");
  return { local: `${ys}-${mos}-${ds} ${hs}:${mis}:${ss}.${micros}`, offsetMinutes };
}

/** The offset written back as Terra writes it (`+01:00`), or "" for none. */
export function formatOffset(minutes: number | null): string {
  if (minutes === null) return "";
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${minutes < 0 ? "-" : "+"}${hh}:${mm}`;
}
