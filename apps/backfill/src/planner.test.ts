import { splitDateRange } from "@wearables/terra-client";
import { describe, expect, it } from "vitest";
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
