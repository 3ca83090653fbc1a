import { splitDateRange } from "@wearables/terra-client";
import { afterAll, describe, expect, it } from "vitest";
import { addDays, dayOf } from "./dates.ts";
import { horizonRange, mergeRanges, planRanges, subtractRanges, totalDays, toWindows } from "./planner.ts";

const r = (start: string, end: string) => ({ start, end });

describe("planner", () => {
  it("horizon counts exactly historyDays days ending today", () => {
    const h = horizonRange("2026-03-10", 60);
    expect(h).toEqual(r("2026-01-10", "2026-03-10"));
    expect(totalDays([h])).toBe(60);
  });

  it("merges overlapping and adjacent ranges but keeps real holes", () => {
    expect(
      mergeRanges([
        r("2026-01-05", "2026-01-09"),
        r("2026-01-01", "2026-01-04"),
        r("2026-01-11", "2026-01-12"),
      ]),
    ).toEqual([r("2026-01-01", "2026-01-09"), r("2026-01-11", "2026-01-12")]);
  });

  it("subtracts covered ranges, leaving the pieces on either side", () => {
    expect(
      subtractRanges(
        [r("2026-01-01", "2026-01-31")],
        [r("2026-01-10", "2026-01-12"), r("2026-01-30", "2026-02-05")],
      ),
    ).toEqual([r("2026-01-01", "2026-01-09"), r("2026-01-13", "2026-01-29")]);
    expect(subtractRanges([r("2026-01-01", "2026-01-05")], [r("2025-12-01", "2026-02-01")])).toEqual([]);
  });

  it("a fully covered user still re-fetches the last refetchDays days", () => {
    const plan = planRanges({
      today: "2026-03-10",
      bounds: horizonRange("2026-03-10", 60),
      gaps: [],
      refetchDays: 2,
      freshSincePassStart: [],
      open: [],
    });
    expect(plan).toEqual([r("2026-03-09", "2026-03-10")]);
  });

  it("never re-fetches days another pass fetched after this one began, nor queued windows", () => {
    const plan = planRanges({
      today: "2026-03-10",
      bounds: horizonRange("2026-03-10", 60),
      gaps: [r("2026-02-01", "2026-02-05")],
      refetchDays: 2,
      freshSincePassStart: [r("2026-03-09", "2026-03-10")],
      open: [r("2026-02-04", "2026-02-05")],
    });
    expect(plan).toEqual([r("2026-02-01", "2026-02-03")]);
  });

  it("a gap reaching today merges with the re-fetch days instead of asking them twice", () => {
    const plan = planRanges({
      today: "2026-03-10",
      bounds: horizonRange("2026-03-10", 60),
      gaps: [r("2026-03-08", "2026-03-10")],
      refetchDays: 2,
      freshSincePassStart: [],
      open: [],
    });
    expect(plan).toEqual([r("2026-03-08", "2026-03-10")]);
  });

  it("gaps are clipped to the bounds asked for", () => {
    const plan = planRanges({
      today: "2026-03-10",
      bounds: r("2026-02-01", "2026-02-10"),
      gaps: [r("2026-01-01", "2026-03-10")],
      refetchDays: 2,
      freshSincePassStart: [],
      open: [],
    });
    expect(plan).toEqual([r("2026-02-01", "2026-02-10")]);
  });

  it("windows never cross a month and never exceed maxDays", () => {
    const windows = toWindows([r("2026-01-10", "2026-03-10")], 28, splitDateRange);
    expect(windows).toEqual([
      r("2026-01-10", "2026-01-31"),
      r("2026-02-01", "2026-02-28"),
      r("2026-03-01", "2026-03-10"),
    ]);
    expect(totalDays(windows)).toBe(60);
    const small = toWindows([r("2026-01-01", "2026-01-31")], 10, splitDateRange);
    expect(small.map((w) => totalDays([w]))).toEqual([10, 10, 10, 1]);
  });
});

/**
 * The planner pinned to the calendar's awkward days. "Today" comes from the pass's clock, in UTC
 * days; these instants sit on month and year ends, leap days and the DST changes of both
 * hemispheres, read with the process in each zone, and the plan must still ask every day of the
 * horizon and the re-fetch range exactly once, in windows that never cross a month.
 */
describe("planner on the calendar's awkward days", () => {
  const split = (start: string, end: string, o: { maxDays: number; alignToMonths: boolean }) =>
    splitDateRange(start, end, o);
  const daysOf = (windows: readonly { start: string; end: string }[]) =>
    windows.flatMap((w) => {
      const out: string[] = [];
      for (let d = w.start; d <= w.end; d = addDays(d, 1)) out.push(d);
      return out;
    });
  /** Every day from start to end, inclusive, counted without the code under test. */
  const expectedDays = (start: string, end: string) => {
    const out: string[] = [];
    for (let t = Date.parse(`${start}T12:00:00Z`); ; t += 86_400_000) {
      const d = new Date(t).toISOString().slice(0, 10);
      out.push(d);
      if (d === end) return out;
    }
  };

  const cases: [string, string, string, string[]][] = [
    // [what, instant, zone of the process, the re-fetch windows of a covered user]
    [
      "a month's first day",
      "2026-12-01T00:20:00Z",
      "UTC",
      ["2026-11-30..2026-11-30", "2026-12-01..2026-12-01"],
    ],
    ["a 31-day month's last day", "2026-12-31T23:50:00Z", "UTC", ["2026-12-30..2026-12-31"]],
    [
      "the year's first day",
      "2027-01-01T00:00:00Z",
      "UTC",
      ["2026-12-31..2026-12-31", "2027-01-01..2027-01-01"],
    ],
    ["29 February", "2028-02-29T12:00:00Z", "UTC", ["2028-02-28..2028-02-29"]],
    [
      "the day after 29 February",
      "2028-03-01T03:00:00Z",
      "UTC",
      ["2028-02-29..2028-02-29", "2028-03-01..2028-03-01"],
    ],
    [
      "1 March of a common year",
      "2027-03-01T03:00:00Z",
      "UTC",
      ["2027-02-28..2027-02-28", "2027-03-01..2027-03-01"],
    ],
    ["Europe springs forward", "2026-03-29T01:30:00Z", "Europe/Berlin", ["2026-03-28..2026-03-29"]],
    ["Europe falls back", "2026-10-25T00:30:00Z", "Europe/Berlin", ["2026-10-24..2026-10-25"]],
    ["Sydney falls back (April)", "2026-04-04T16:30:00Z", "Australia/Sydney", ["2026-04-03..2026-04-04"]],
    [
      "Sydney springs forward (October)",
      "2026-10-03T16:30:00Z",
      "Australia/Sydney",
      ["2026-10-02..2026-10-03"],
    ],
    [
      "New York falls back on a month's first day",
      "2026-11-01T06:30:00Z",
      "America/New_York",
      ["2026-10-31..2026-10-31", "2026-11-01..2026-11-01"],
    ],
  ];

  const savedTz = process.env.TZ;
  afterAll(() => {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  });

  it.each(cases)("%s (%s, TZ=%s)", (_what, instant, zone, refetch) => {
    process.env.TZ = zone;
    const today = dayOf(new Date(instant));
    expect(today).toBe(instant.slice(0, 10));

    // A new user: the whole horizon, every day once, no window across a month.
    const horizon = horizonRange(today, 60);
    const windows = toWindows(
      planRanges({
        today,
        bounds: horizon,
        gaps: [horizon],
        refetchDays: 2,
        freshSincePassStart: [],
        open: [],
      }),
      28,
      split,
    );
    expect(daysOf(windows)).toEqual(expectedDays(horizon.start, today));
    expect(daysOf(windows)).toHaveLength(60);
    for (const w of windows) expect(w.start.slice(0, 7)).toBe(w.end.slice(0, 7));

    // A covered user: only the re-fetch days, split at the month's end.
    const recent = toWindows(
      planRanges({ today, bounds: horizon, gaps: [], refetchDays: 2, freshSincePassStart: [], open: [] }),
      28,
      split,
    );
    expect(recent.map((w) => `${w.start}..${w.end}`)).toEqual(refetch);
    expect(totalDays(recent)).toBe(2);
  });
});
