import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DATE_PATTERN,
  DateStringSchema,
  explainRefusedTimestamp,
  STANDARD_TIMESTAMP_PATTERN,
  TIMESTAMP_PATTERN,
  TimestampSchema,
} from "./timestamps.ts";
import { inStrictMode } from "./tolerance.ts";

const accepts = (v: string) => TimestampSchema.safeParse(v).success;
const standard = (v: string) => inStrictMode(() => TimestampSchema.safeParse(v).success);
const message = (v: string) => TimestampSchema.safeParse(v).error?.issues[0]?.message ?? "";

describe("timestamp forms (ADR 0203)", () => {
  it("takes Terra's documented form as standard: seconds, any fraction, ±HH:MM or no offset", () => {
    for (const v of [
      "2026-07-01T07:04:11.000000+01:00",
      "2026-07-01T07:04:11+01:00",
      "2026-07-01T07:04:11.5-03:30",
      "2026-07-01T07:04:11.123456789+00:00",
      "2026-07-01T07:04:11.000000",
      "2025-07-04 21:37:36.638145+00:00",
    ]) {
      expect(standard(v), v).toBe(true);
    }
  });

  it("accepts other ISO-8601 forms as nonstandard: Z, ±HHMM, ±HH, no seconds", () => {
    for (const v of [
      "2026-07-01T07:04:11Z",
      "2026-07-01T07:04:11.000000Z",
      "2026-07-01T07:04:11+0100",
      "2026-07-01T07:04:11+01",
      "2026-07-01T07:04",
      "2026-07-01T07:04+02:00",
    ]) {
      expect(accepts(v), v).toBe(true);
      expect(standard(v), v).toBe(false);
    }
  });

  it("refuses the basic format, a date alone, a comma fraction, lowercase and free text", () => {
    for (const v of [
      "20260701T070411Z",
      "2026-07-01",
      "2026-07-01T07:04:11,5+01:00",
      "2026-07-01t07:04:11z",
      "2026-07-01T07",
      "2026-07-01T07:04:11.1234567890+01:00",
      "2026-07-01T07:04:11+1",
      "07/01/2026 07:04",
      "yesterday",
      "",
    ]) {
      expect(accepts(v), v).toBe(false);
    }
  });

  it("refuses impossible calendar dates and times, naming the problem", () => {
    const cases: [string, RegExp][] = [
      ["2024-02-30T00:00:00+00:00", /day does not exist in its month/],
      ["2025-02-29T00:00:00+00:00", /day does not exist in its month/],
      ["2026-04-31T00:00:00+00:00", /day does not exist in its month/],
      ["2026-13-01T00:00:00+00:00", /month is out of range/],
      ["2026-00-10T00:00:00+00:00", /month is out of range/],
      ["2026-01-00T00:00:00+00:00", /day does not exist/],
      ["0000-01-01T00:00:00+00:00", /year is out of range/],
      ["2026-07-01T24:00:00+00:00", /hour is out of range/],
      ["2026-07-01T25:00:00", /hour is out of range/],
      ["2026-07-01T10:60:00", /minute is out of range/],
      ["2026-07-01T10:00:60", /second is out of range/],
      ["2026-07-01T10:00:00+16:00", /offset is out of range/],
    ];
    for (const [v, why] of cases) {
      expect(accepts(v), v).toBe(false);
      expect(message(v), v).toMatch(why);
    }
  });

  it("accepts 29 February in leap years only, centuries by the 400 rule", () => {
    for (const y of ["2024", "2000", "1600", "2400"]) expect(accepts(`${y}-02-29T12:00:00`), y).toBe(true);
    for (const y of ["2025", "1900", "2100", "2200"]) expect(accepts(`${y}-02-29T12:00:00`), y).toBe(false);
  });

  it("checks date-only fields the same way, and tolerates a date-time there", () => {
    expect(DateStringSchema.safeParse("2024-02-29").success).toBe(true);
    expect(DateStringSchema.safeParse("1991-04-12T00:00:00Z").success).toBe(true);
    const bad = DateStringSchema.safeParse("2024-02-30");
    expect(bad.error?.issues[0]?.message).toMatch(/day does not exist/);
    expect(DateStringSchema.safeParse("1991-13-12").success).toBe(false);
    expect(DateStringSchema.safeParse("12/04/1991").success).toBe(false);
  });

  it("agrees with the calendar on every generated date-time (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 9999 }),
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 0, max: 32 }),
        fc.integer({ min: 0, max: 25 }),
        fc.integer({ min: 0, max: 61 }),
        (y, mo, d, h, mi) => {
          const p = (n: number, w = 2) => String(n).padStart(w, "0");
          const v = `${p(y, 4)}-${p(mo)}-${p(d)}T${p(h)}:${p(mi)}:00+00:00`;
          // The calendar rolls impossible fields over; a real instant keeps every field as given.
          const day = utc(y, mo, d, 0, 0);
          const realDate =
            y >= 1 && day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d;
          const t = utc(y, mo, d, h, mi);
          const real = realDate && t.getUTCDate() === d && t.getUTCHours() === h && t.getUTCMinutes() === mi;
          expect(accepts(v), v).toBe(real);
          expect(DateStringSchema.safeParse(v.slice(0, 10)).success, v).toBe(realDate);
        },
      ),
      { numRuns: 3000 },
    );
  }, 60_000);

  it("never quotes the refused value in its message", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 3 }), (junk) => {
        for (const v of [junk, `2026-02-30T${junk}`, `${junk}2026-01-01T00:00:00`]) {
          const r = TimestampSchema.safeParse(v);
          if (!r.success) expect(r.error.issues[0]?.message.includes(junk)).toBe(false);
        }
      }),
    );
    expect(explainRefusedTimestamp(42, false)).toMatch(/^expected an ISO-8601 date-time/);
  });

  it("keeps the standard pattern inside the accepted one", () => {
    expect(STANDARD_TIMESTAMP_PATTERN.source.length).toBeGreaterThan(0);
    for (const v of ["2026-07-01T07:04:11.000000+01:00", "2026-07-01 07:04:11"]) {
      expect(STANDARD_TIMESTAMP_PATTERN.test(v) && TIMESTAMP_PATTERN.test(v) && DATE_PATTERN.test(v)).toBe(
        true,
      );
    }
  });
});

/** The instant of these fields (setUTCFullYear, unlike Date.UTC, does not move years 0–99 to 19xx). */
function utc(y: number, mo: number, d: number, h: number, mi: number): Date {
  const t = new Date(0);
  t.setUTCFullYear(y, mo - 1, d);
  t.setUTCHours(h, mi, 0, 0);
  return t;
}
