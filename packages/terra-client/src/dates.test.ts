import { describe, expect, it } from "vitest";
import { DAYS_PER_USER_PER_HOUR, daysInRange, MAX_REQUEST_DAYS, splitDateRange } from "./dates.ts";

/** Every window is inclusive, consecutive, and together they cover the range exactly. */
function expectContiguous(windows: { start: string; end: string }[], start: string, end: string) {
  expect(windows[0]?.start).toBe(start);
  expect(windows.at(-1)?.end).toBe(end);
  for (let i = 1; i < windows.length; i++) {
    const prevEnd = new Date(`${windows[i - 1]?.end}T00:00:00Z`).getTime();
    const nextStart = new Date(`${windows[i]?.start}T00:00:00Z`).getTime();
    expect(nextStart - prevEnd).toBe(86_400_000);
  }
}

describe("splitDateRange", () => {
  it("returns one window for a single day", () => {
    expect(splitDateRange("2024-03-10", "2024-03-10", { maxDays: 7 })).toEqual([
      { start: "2024-03-10", end: "2024-03-10" },
    ]);
  });

  it("never returns a window longer than maxDays", () => {
    const w = splitDateRange("2024-01-01", "2024-01-20", { maxDays: 7 });
    expect(w).toEqual([
      { start: "2024-01-01", end: "2024-01-07" },
      { start: "2024-01-08", end: "2024-01-14" },
      { start: "2024-01-15", end: "2024-01-20" },
    ]);
    for (const x of w) expect(daysInRange(x.start, x.end)).toBeLessThanOrEqual(7);
  });

  it("cuts at every calendar month boundary when aligned", () => {
    const w = splitDateRange("2024-01-15", "2024-04-02", { alignToMonths: true });
    expect(w).toEqual([
      { start: "2024-01-15", end: "2024-01-31" },
      { start: "2024-02-01", end: "2024-02-29" },
      { start: "2024-03-01", end: "2024-03-31" },
      { start: "2024-04-01", end: "2024-04-02" },
    ]);
  });

  it("combines month alignment with a smaller maxDays", () => {
    const w = splitDateRange("2023-01-25", "2023-02-20", { alignToMonths: true, maxDays: 10 });
    expect(w).toEqual([
      { start: "2023-01-25", end: "2023-01-31" },
      { start: "2023-02-01", end: "2023-02-10" },
      { start: "2023-02-11", end: "2023-02-20" },
    ]);
  });

  it("knows leap years: February 2024 has 29 days, 2023 and 1900 have 28, 2000 has 29", () => {
    const feb = (y: string) => splitDateRange(`${y}-02-10`, `${y}-03-05`, { alignToMonths: true })[0];
    expect(feb("2024")).toEqual({ start: "2024-02-10", end: "2024-02-29" });
    expect(feb("2023")).toEqual({ start: "2023-02-10", end: "2023-02-28" });
    expect(feb("1900")).toEqual({ start: "1900-02-10", end: "1900-02-28" });
    expect(feb("2000")).toEqual({ start: "2000-02-10", end: "2000-02-29" });
    expect(daysInRange("2024-01-01", "2024-12-31")).toBe(366);
  });

  it("caps windows at 1,825 days even when maxDays is larger or absent", () => {
    const w = splitDateRange("2010-01-01", "2024-12-31", { maxDays: 10_000 });
    expectContiguous(w, "2010-01-01", "2024-12-31");
    for (const x of w) expect(daysInRange(x.start, x.end)).toBeLessThanOrEqual(MAX_REQUEST_DAYS);
    expect(daysInRange(w[0]?.start ?? "", w[0]?.end ?? "")).toBe(MAX_REQUEST_DAYS);
    expect(splitDateRange("2010-01-01", "2024-12-31")).toEqual(w);
  });

  it("covers long month-aligned ranges contiguously across year ends", () => {
    const w = splitDateRange("2022-11-20", "2024-03-03", { alignToMonths: true });
    expect(w).toHaveLength(17);
    expectContiguous(w, "2022-11-20", "2024-03-03");
    expect(w).toContainEqual({ start: "2022-12-01", end: "2022-12-31" });
    expect(w).toContainEqual({ start: "2023-01-01", end: "2023-01-31" });
  });

  it("rejects an end before the start, invalid dates and a bad maxDays", () => {
    expect(() => splitDateRange("2024-03-02", "2024-03-01")).toThrow(/before start/);
    expect(() => splitDateRange("2023-02-29", "2023-03-01")).toThrow(/not a calendar date/);
    expect(() => splitDateRange("2024-3-1", "2024-03-05")).toThrow(/YYYY-MM-DD/);
    expect(() => splitDateRange("2024-03-01", "2024-03-05", { maxDays: 0 })).toThrow(/maxDays/);
  });
});

describe("daysInRange", () => {
  it("counts inclusive days for the hourly budget", () => {
    expect(daysInRange("2024-03-10", "2024-03-10")).toBe(1);
    expect(daysInRange("2024-02-28", "2024-03-01")).toBe(3);
    expect(daysInRange("2023-02-28", "2023-03-01")).toBe(2);
    expect(DAYS_PER_USER_PER_HOUR).toBe(6000);
    expect(() => daysInRange("2024-03-02", "2024-03-01")).toThrow(RangeError);
  });
});
