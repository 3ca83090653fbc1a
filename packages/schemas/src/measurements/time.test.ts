import { describe, expect, it } from "vitest";
import { formatOffset, parseTimestamp } from "./time.ts";

/** The wall clock back as `YYYY-MM-DD HH:MM:SS.ffffff` (for reading the assertions). */
function wall(value: string) {
  const t = parseTimestamp(value);
  if (!t) return null;
  const iso = new Date(Math.floor(t.wallMicros / 1000)).toISOString();
  const micros = String(t.wallMicros % 1_000_000).padStart(6, "0");
  return { local: `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${micros}`, offsetMinutes: t.offsetMinutes };
}

describe("parseTimestamp", () => {
  it("keeps the wall clock and the offset as written", () => {
    expect(wall("2026-07-01T07:04:11.000000+01:00")).toEqual({
      local: "2026-07-01 07:04:11.000000",
      offsetMinutes: 60,
    });
    expect(wall("2026-07-01T23:30:00-05:30")).toEqual({
      local: "2026-07-01 23:30:00.000000",
      offsetMinutes: -330,
    });
    expect(wall("2026-07-01 07:04:11.123456789Z")).toEqual({
      local: "2026-07-01 07:04:11.123456",
      offsetMinutes: 0,
    });
    expect(wall("2026-07-01T07:04:11.5+0200")).toEqual({
      local: "2026-07-01 07:04:11.500000",
      offsetMinutes: 120,
    });
    expect(wall("2026-07-01T07:04+02")).toEqual({ local: "2026-07-01 07:04:00.000000", offsetMinutes: 120 });
  });

  it("reads a timestamp without an offset as local time, and a date alone as its midnight", () => {
    expect(wall("2026-07-01T07:04:11")).toEqual({ local: "2026-07-01 07:04:11.000000", offsetMinutes: null });
    expect(wall("2026-07-01")).toEqual({ local: "2026-07-01 00:00:00.000000", offsetMinutes: null });
  });

  it("counts days like the calendar across leap years, centuries and before 1970", () => {
    for (const d of [
      "1969-12-31",
      "1900-03-01",
      "2000-02-29",
      "2024-02-29",
      "2100-03-01",
      "0001-01-01",
      "9999-12-31",
    ]) {
      expect(parseTimestamp(`${d}T12:00:00Z`)?.wallMicros, d).toBe(Date.parse(`${d}T12:00:00Z`) * 1000);
    }
  });

  it("refuses what is not a calendar time, so no database statement sees it", () => {
    for (const bad of [
      "2026-13-01T00:00:00Z",
      "2026-02-29T00:00:00Z",
      "2100-02-29",
      "2026-04-31",
      "0000-01-01T00:00:00Z",
      "2026-01-01T24:00:00Z",
      "2026-01-01T12:60:00Z",
      "2026-01-01T12:00:60Z",
      "2026-01-01T12:00:00+19:00",
      "2026-01-01T12:00:00+01:75",
      "2026-01-01T12:00:00+01:0",
      "2026-01-01T12:00:00.Z",
      "2026-01-01T12:00:00.1234567890Z",
      "2026-01-01T12:00:00Zjunk",
      "2026-01-01T12",
      "2026-01-01T12:3",
      "2026/01/01",
      "yesterday",
      "",
      null,
      12,
    ]) {
      expect(parseTimestamp(bad), String(bad)).toBeNull();
    }
  });
});

describe("formatOffset", () => {
  it("writes offsets as Terra does", () => {
    expect(formatOffset(60)).toBe("+01:00");
    expect(formatOffset(-330)).toBe("-05:30");
    expect(formatOffset(0)).toBe("+00:00");
    expect(formatOffset(null)).toBe("");
  });
});
