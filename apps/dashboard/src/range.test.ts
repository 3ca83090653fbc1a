import { describe, expect, it } from "vitest";
import { addDays, dayStart, daysOf, isDate, localDate, rangeFor, wallClock } from "./range.ts";

describe("ranges in local days", () => {
  it("week, month and year end today and include both ends", () => {
    expect(rangeFor("week", "2026-03-31")).toEqual({ start: "2026-03-25", end: "2026-03-31" });
    expect(daysOf(rangeFor("week", "2026-03-31"))).toHaveLength(7);
    expect(rangeFor("month", "2026-03-31")).toEqual({ start: "2026-03-01", end: "2026-03-31" });
    expect(rangeFor("month", "2026-03-15")).toEqual({ start: "2026-02-16", end: "2026-03-15" });
    expect(rangeFor("year", "2028-02-29")).toEqual({ start: "2027-03-01", end: "2028-02-29" });
    expect(daysOf(rangeFor("year", "2026-12-01"))).toHaveLength(365);
  });

  it("a custom range is used only when it is two real dates in order", () => {
    const week = { start: "2026-03-25", end: "2026-03-31" };
    expect(rangeFor("custom", "2026-03-31", { start: "2026-01-02", end: "2026-01-09" })).toEqual({
      start: "2026-01-02",
      end: "2026-01-09",
    });
    expect(rangeFor("custom", "2026-03-31", { start: "2026-02-30", end: "2026-03-01" })).toEqual(week);
    expect(rangeFor("custom", "2026-03-31", { start: "2026-03-09", end: "2026-03-01" })).toEqual(week);
    expect(isDate("2026-02-29")).toBe(false);
    expect(isDate("2028-02-29")).toBe(true);
  });

  it("counts calendar days across a daylight-saving change, and places days at local midnight", () => {
    // Europe/Paris springs forward on 2026-03-29: that day has 23 hours.
    expect(addDays("2026-03-28", 1)).toBe("2026-03-29");
    expect(addDays("2026-03-29", 1)).toBe("2026-03-30");
    expect(dayStart("2026-03-30") - dayStart("2026-03-29")).toBeGreaterThanOrEqual(23 * 3600);
    const noon = new Date(2026, 2, 29, 12);
    expect(localDate(noon)).toBe("2026-03-29");
    expect(new Date(dayStart("2026-03-29") * 1000).getHours()).toBe(0);
  });

  it("places a Terra timestamp at its wall-clock time as written, whatever its offset", () => {
    const t = wallClock("2026-11-21T06:29:00.000000+09:00")!;
    const d = new Date(t * 1000);
    expect([d.getDate(), d.getHours(), d.getMinutes()]).toEqual([21, 6, 29]);
    expect(wallClock("2026-11-21 23:59")).toBe(new Date(2026, 10, 21, 23, 59).getTime() / 1000);
    expect(wallClock(null)).toBeNull();
    expect(wallClock("yesterday")).toBeNull();
  });
});
