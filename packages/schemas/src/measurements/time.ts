// A measurement's time as Terra writes it, split into the wall-clock time and the offset written
// with it. Terra's rule: "TimeZone info will be provided whenever possible. If absent, the time
// corresponds to the user's local time." So the wall clock as written is the user's local time in
// both cases, and a point's local day is the date part as written (never converted to UTC).
// Parsed by hand, not by a regular expression: the backfill parses about ten of these per document.

export interface WallClockTime {
  /** The wall clock as written, in microseconds since 1970-01-01T00:00 of that clock (not UTC). */
  wallMicros: number;
  /** Minutes east of UTC as written; null when the timestamp carries no offset. */
  offsetMinutes: number | null;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (H. Hinnant's algorithm). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function digits(s: string, at: number, n: number): number {
  let v = 0;
  for (let i = at; i < at + n; i++) {
    const c = s.charCodeAt(i) - 48; // NaN past the end
    if (!(c >= 0 && c <= 9)) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * Reads `2026-07-01T07:04:11.000000+01:00` (offset optional, `Z`, `±HH`, `±HHMM` or `±HH:MM`; a
 * space for the `T`; seconds and fraction optional; a date alone is its midnight). Returns null for
 * anything that is not a real calendar time (month 13, 30 February, hour 24, year 0000, an offset
 * beyond ±18:00), so one odd sample is left out of a series instead of failing a database
 * statement; the document keeps it as sent.
 */
export function parseTimestamp(value: unknown): WallClockTime | null {
  if (typeof value !== "string" || value.length < 10) return null;
  const s = value;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || s[4] !== "-" || s[7] !== "-") return null;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (d > (mo === 2 && leap ? 29 : (DAYS[mo - 1] ?? 0))) return null;
  let h = 0;
  let mi = 0;
  let sec = 0;
  let micros = 0;
  let i = 10;
  if (i < s.length && (s[i] === "T" || s[i] === " ")) {
    h = digits(s, 11, 2);
    mi = digits(s, 14, 2);
    if (h < 0 || h > 23 || mi < 0 || mi > 59 || s[13] !== ":") return null;
    i = 16;
    if (s[i] === ":") {
      sec = digits(s, 17, 2);
      if (sec < 0 || sec > 59) return null;
      i = 19;
      if (s[i] === ".") {
        let n = 0;
        i++;
        while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) {
          if (n < 6) micros = micros * 10 + (s.charCodeAt(i) - 48);
          n++;
          i++;
        }
        if (n === 0 || n > 9) return null;
        for (let k = n; k < 6; k++) micros *= 10;
      }
    }
  }
  let offsetMinutes: number | null = null;
  if (i < s.length) {
    const sign = s[i];
    if (sign === "Z" && i === s.length - 1) offsetMinutes = 0;
    else if (sign === "+" || sign === "-") {
      const oh = digits(s, i + 1, 2);
      const rest = s.slice(i + 3);
      const om = rest === "" ? 0 : digits(rest, rest[0] === ":" ? 1 : 0, 2);
      if (oh < 0 || om < 0 || om > 59 || !(rest === "" || rest.length === (rest[0] === ":" ? 3 : 2)))
        return null;
      if (oh * 60 + om > 18 * 60) return null;
      offsetMinutes = (sign === "-" ? -1 : 1) * (oh * 60 + om);
    } else return null;
  }
  const seconds = daysFromCivil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + sec;
  return { wallMicros: seconds * 1_000_000 + micros, offsetMinutes };
}

/** The offset written back as Terra writes it (`+01:00`), or "" for none. */
export function formatOffset(minutes: number | null): string {
  if (minutes === null) return "";
  const abs = Math.abs(minutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, "0");
  const mm = String(abs % 60).padStart(2, "0");
  return `${minutes < 0 ? "-" : "+"}${hh}:${mm}`;
}
