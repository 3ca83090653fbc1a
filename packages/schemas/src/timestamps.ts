// Timestamps and dates as Terra writes them, refused when they name an instant that does not exist
// (2024-02-30, month 13, hour 24, minute 60): PostgreSQL would refuse them later, failing a whole
// batch. Which ISO-8601 forms are standard, tolerated (with a warning) or refused: ADR 0203.
import { z } from "zod";
import { isStrict, toleranceParams, tolerated } from "./tolerance.ts";

// A real calendar date, years 0001–9999 (PostgreSQL has no year 0): 29 February only in leap years.
const DATE =
  "(?!0000)(?:\\d{4}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1\\d|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)" +
  "|(?:\\d{2}(?:0[48]|[2468][048]|[13579][26])|(?:[02468][048]|[13579][26])00)-02-29)";
const HH_MM = "(?:[01]\\d|2[0-3]):[0-5]\\d";
const SS_FRACTION = ":[0-5]\\d(?:\\.\\d{1,9})?";
// PostgreSQL takes UTC offsets up to ±15:59.
const OFFSET_HOURS = "[+-](?:0\\d|1[0-5])";

const STANDARD_TIME = `${HH_MM}${SS_FRACTION}(?:${OFFSET_HOURS}:[0-5]\\d)?`;
const ACCEPTED_TIME = `${HH_MM}(?:${SS_FRACTION})?(?:Z|${OFFSET_HOURS}(?::?[0-5]\\d)?)?`;

/**
 * Every ISO-8601 date-time we accept: `YYYY-MM-DD`, `T` or a space (Terra's healthcheck), `HH:MM`,
 * optional seconds with up to 9 fraction digits, then no offset (the user's local time), `Z`,
 * `±HH:MM`, `±HHMM` or `±HH`. Calendar-checked. The forms outside STANDARD_TIMESTAMP_PATTERN
 * are accepted with a `nonstandard_timestamp` warning.
 */
export const TIMESTAMP_PATTERN = new RegExp(`^${DATE}[T ]${ACCEPTED_TIME}$`);

/** Terra's documented form: `2026-07-01T07:04:11.000000+01:00` (seconds, fraction optional, `±HH:MM` or none). */
export const STANDARD_TIMESTAMP_PATTERN = new RegExp(`^${DATE}[T ]${STANDARD_TIME}$`);

/** A calendar date (`YYYY-MM-DD`); a full date-time is tolerated, as some providers send one. */
export const DATE_PATTERN = new RegExp(`^${DATE}(?:[T ]${ACCEPTED_TIME})?$`);
const STANDARD_DATE_PATTERN = new RegExp(`^${DATE}(?:[T ]${STANDARD_TIME})?$`);

// Loose shape, only to say what is wrong with a refused value (never quoting it).
const LOOSE =
  /^(\d{4})-(\d{2})-(\d{2})(?:([T ])(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-](\d{2})(?::?(\d{2}))?)?)?$/;
const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Why `value` is refused, in words that name the problem and not the value. */
export function explainRefusedTimestamp(value: unknown, dateOnlyAllowed: boolean): string {
  const form = dateOnlyAllowed
    ? "expected an ISO-8601 date (YYYY-MM-DD) or date-time"
    : "expected an ISO-8601 date-time (YYYY-MM-DDTHH:MM:SS, optional fraction and UTC offset)";
  const m = typeof value === "string" ? LOOSE.exec(value) : null;
  if (!m) return form;
  const [, y, mo, d, sep, hh, mi, ss, fraction, offset, oh, om] = m;
  const year = Number(y);
  const month = Number(mo);
  if (year === 0) return "not a real date: the year is out of range (0001–9999)";
  if (month < 1 || month > 12) return "not a real date: the month is out of range (01–12)";
  const maxDay = month === 2 && !isLeap(year) ? 28 : (DAYS_IN_MONTH[month - 1] as number);
  if (Number(d) < 1 || Number(d) > maxDay) return "not a real date: the day does not exist in its month";
  if (sep === undefined) return dateOnlyAllowed ? form : `${form}; got a date without a time`;
  if (Number(hh) > 23) return "not a real time: the hour is out of range (00–23)";
  if (Number(mi) > 59) return "not a real time: the minute is out of range (00–59)";
  if (ss !== undefined && Number(ss) > 59) return "not a real time: the second is out of range (00–59)";
  if (fraction !== undefined && fraction.length > 9) return `${form}; more than 9 fraction digits`;
  if (offset !== undefined && offset !== "Z" && (Number(oh) > 15 || Number(om ?? 0) > 59)) {
    return "the UTC offset is out of range (±15:59)";
  }
  return form;
}

const NONSTANDARD_MESSAGES = new Map<number, string>();

/**
 * How an accepted value departs from Terra's documented form (for its warning). Reads a few
 * characters, not a regex, and the message of each combination is built once: it runs once per
 * odd sample, on a value that already matched TIMESTAMP_PATTERN or DATE_PATTERN (`YYYY-MM-DD`, a
 * separator at 10, `HH:MM` at 11–15).
 */
function explainNonstandard(value: string): string {
  const sign = Math.max(value.lastIndexOf("+"), value.lastIndexOf("-"));
  const form =
    (value.charCodeAt(16) !== 58 /* ":" */ ? 1 : 0) |
    (value.endsWith("Z") ? 2 : sign > 15 && value.length - sign === 3 ? 4 : 0) |
    (sign > 15 && value.length - sign === 5 ? 8 : 0);
  let message = NONSTANDARD_MESSAGES.get(form);
  if (!message) {
    const why = [
      form & 1 ? "no seconds" : "",
      form & 2 ? "Z instead of +00:00" : "",
      form & 4 ? "an offset without minutes" : "",
      form & 8 ? "an offset without a colon" : "",
    ].filter(Boolean);
    message = `timestamp not in Terra's documented form (${why.join(", ") || "other form"}); kept as sent`;
    NONSTANDARD_MESSAGES.set(form, message);
  }
  return message;
}

function timestampCheck(standard: RegExp, accepted: RegExp, dateOnly: boolean) {
  const check = tolerated((v: string) => (isStrict() ? standard : accepted).test(v), {
    code: "nonstandard_timestamp",
    message: (v) => explainNonstandard(v as string),
  });
  return z.string().refine(check, {
    params: toleranceParams("nonstandard_timestamp"),
    // In strict mode a value can fail only by being accepted-but-nonstandard or refused outright;
    // the detailed parse reads strict issues only of values that passed the tolerant check.
    error: (iss) =>
      isStrict() && accepted.test(iss.input as string)
        ? explainNonstandard(iss.input as string)
        : explainRefusedTimestamp(iss.input, dateOnly),
  });
}

/**
 * ISO-8601 date-time as Terra writes it: `2026-07-01T07:04:11.000000+01:00`, with or without an
 * offset (no offset means the user's local time). Other accepted forms (TIMESTAMP_PATTERN) warn.
 */
export const TimestampSchema = timestampCheck(STANDARD_TIMESTAMP_PATTERN, TIMESTAMP_PATTERN, false);

/** A calendar date (`YYYY-MM-DD`) or a date-time (DATE_PATTERN), calendar-checked. */
export const DateStringSchema = timestampCheck(STANDARD_DATE_PATTERN, DATE_PATTERN, true);

/** The pattern JSON Schema carries for each of the two (a refinement has no JSON Schema form). */
export const TIMESTAMP_JSON_PATTERNS = new Map<unknown, RegExp>([
  [TimestampSchema, TIMESTAMP_PATTERN],
  [DateStringSchema, DATE_PATTERN],
]);
