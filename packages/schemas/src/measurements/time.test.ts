import { describe, expect, it } from "vitest";
import { formatOffset, splitTimestamp } from "./time.ts";

describe("splitTimestamp", () => {
  it("keeps the wall clock and the offset as written", () => {
    expect(splitTimestamp("2026-07-01T07:04:11.000000+01:00")).toEqual({
      local: "2026-07-01 07:04:11.000000",
      offsetMinutes: 60,
    });
    expect(splitTimestamp("2026-07-01T23:30:00-05:30")).toEqual({
      local: "2026-07-01 23:30:00.000000",
      offsetMinutes: -330,
    });
    expect(splitTimestamp("2026-07-01 07:04:11.123456789Z")).toEqual({
      local: "2026-07-01 07:04:11.123456",
      offsetMinutes: 0,
    });
    expect(splitTimestamp("2026-07-01T07:04+0200")).toEqual({
      local: "2026-07-01 07:04:00.000000",
      offsetMinutes: 120,
    });
  });

  it("reads a timestamp without an offset as local time, and a date alone as its midnight", () => {
    expect(splitTimestamp("2026-07-01T07:04:11")).toEqual({
      local: "2026-07-01 07:04:11.000000",
      offsetMinutes: null,
    });
    expect(splitTimestamp("2026-07-01")).toEqual({
      local: "2026-07-01 00:00:00.000000",
      offsetMinutes: null,
    });
  });

  it("refuses what is not a calendar time, so no database statement sees it", () => {
    for (const bad of [
      "2026-13-01T00:00:00Z",
      "2026-02-29T00:00:00Z",
      "2026-04-31",
      "0000-01-01T00:00:00Z",
      "2026-01-01T24:00:00Z",
      "2026-01-01T12:60:00Z",
      "2026-01-01T12:00:60Z",
      "2026-01-01T12:00:00+19:00",
      "2026-01-01T12:00:00+01:75",
      "yesterday",
      "",
      null,
      12,
    ]) {
      expect(splitTimestamp(bad), String(bad)).toBeNull();
    }
    expect(splitTimestamp("2024-02-29T00:00:00Z")?.local).toBe("2024-02-29 00:00:00.000000");
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
