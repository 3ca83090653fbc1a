import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db.ts";
import { testDb } from "../testing.ts";
import { coverageSummary, listGaps, markCoverage } from "./coverage.ts";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});
afterAll(async () => {
  await db?.close();
});

describe("coverage", () => {
  it("lists the whole range as a gap when nothing was fetched", async () => {
    expect(await listGaps(db, { userId: "g0", type: "body", from: "2026-01-01", to: "2026-01-31" })).toEqual([
      { start: "2026-01-01", end: "2026-01-31" },
    ]);
  });

  it("lists the missing inclusive ranges around fetched ones", async () => {
    const base = { userId: "g1", type: "body", source: "backfill" };
    await markCoverage(db, { ...base, startDate: "2026-01-05", endDate: "2026-01-10" });
    await markCoverage(db, { ...base, startDate: "2026-01-20", endDate: "2026-01-20" });
    expect(await listGaps(db, { userId: "g1", type: "body", from: "2026-01-01", to: "2026-01-31" })).toEqual([
      { start: "2026-01-01", end: "2026-01-04" },
      { start: "2026-01-11", end: "2026-01-19" },
      { start: "2026-01-21", end: "2026-01-31" },
    ]);
    expect(await listGaps(db, { userId: "g1", type: "body", from: "2026-01-06", to: "2026-01-09" })).toEqual(
      [],
    );
    expect(await listGaps(db, { userId: "g1", type: "daily", from: "2026-01-06", to: "2026-01-06" })).toEqual(
      [{ start: "2026-01-06", end: "2026-01-06" }],
    );
  });

  it("merges overlapping and touching ranges into one", async () => {
    const base = { userId: "g2", type: "sleep", source: "backfill" };
    await markCoverage(db, { ...base, startDate: "2026-02-01", endDate: "2026-02-10" });
    await markCoverage(db, { ...base, startDate: "2026-02-11", endDate: "2026-02-15" });
    const merged = await markCoverage(db, { ...base, startDate: "2026-01-25", endDate: "2026-02-03" });
    expect(merged).toEqual({ start: "2026-01-25", end: "2026-02-15" });
    const summary = await coverageSummary(db, "g2");
    expect(summary).toHaveLength(1);
    expect(summary[0]!.ranges.map((r) => [r.start, r.end])).toEqual([["2026-01-25", "2026-02-15"]]);
    expect(summary[0]!.days).toBe(22);
  });

  it("crosses month and leap-day boundaries correctly", async () => {
    const base = { userId: "g3", type: "daily", source: "backfill" };
    await markCoverage(db, { ...base, startDate: "2028-02-27", endDate: "2028-02-28" });
    await markCoverage(db, { ...base, startDate: "2028-03-01", endDate: "2028-03-02" });
    expect(await listGaps(db, { userId: "g3", type: "daily", from: "2028-02-26", to: "2028-03-03" })).toEqual(
      [
        { start: "2028-02-26", end: "2028-02-26" },
        { start: "2028-02-29", end: "2028-02-29" },
        { start: "2028-03-03", end: "2028-03-03" },
      ],
    );
  });
});
