import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db.ts";
import { bodyDoc, dailyDoc, sleepDoc, testDb } from "../testing.ts";
import { dailySummary, InvalidCursorError, readRecords } from "./read.ts";
import { upsertRecords } from "./records.ts";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});
afterAll(async () => {
  await db?.close();
});

const day = (n: number) => `2026-01-${String(n).padStart(2, "0")}`;

describe("readRecords", () => {
  it("pages through every row exactly once while other rows are inserted", async () => {
    const userId = "r1";
    await upsertRecords(db, {
      type: "daily",
      userId,
      records: [1, 3, 5, 7, 9, 11].map((n) => dailyDoc(day(n))),
      source: "backfill",
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 20; page++) {
      const r: Awaited<ReturnType<typeof readRecords>> = await readRecords(db, {
        userId,
        type: "daily",
        startDate: day(1),
        endDate: day(31),
        cursor,
        limit: 2,
      });
      seen.push(...r.items.map((i) => i.localDate!));
      // Between pages, days before and after the cursor arrive.
      if (page === 0) {
        await upsertRecords(db, {
          type: "daily",
          userId,
          records: [dailyDoc(day(2)), dailyDoc(day(10))],
          source: "webhook",
        });
      }
      cursor = r.nextCursor;
      if (!cursor) break;
    }
    expect(new Set(seen).size).toBe(seen.length);
    // Every original row is there; the later day after the cursor too; the earlier one was passed.
    expect(seen).toEqual([day(1), day(3), day(5), day(7), day(9), day(10), day(11)]);
  });

  it("bounds by inclusive dates and rejects a forged cursor", async () => {
    const r = await readRecords(db, { userId: "r1", type: "daily", startDate: day(3), endDate: day(5) });
    expect(r.items.map((i) => i.localDate)).toEqual([day(3), day(5)]);
    expect(r.nextCursor).toBeNull();
    await expect(
      readRecords(db, { userId: "r1", type: "daily", cursor: "not-a-cursor" }),
    ).rejects.toBeInstanceOf(InvalidCursorError);
  });
});

describe("dailySummary", () => {
  it("joins steps, body metrics and sleep by local day", async () => {
    const userId = "r2";
    await upsertRecords(db, {
      type: "daily",
      userId,
      records: [dailyDoc(day(4), { steps: 4_000 })],
      source: "webhook",
    });
    await upsertRecords(db, {
      type: "body",
      userId,
      records: [bodyDoc(day(4), { weightKg: 80 }), bodyDoc(day(5))],
      source: "webhook",
    });
    const nap = sleepDoc("nap4", day(4));
    nap.metadata.is_nap = true;
    await upsertRecords(db, {
      type: "sleep",
      userId,
      records: [sleepDoc("n4", day(4)), nap],
      source: "webhook",
    });
    const s = await dailySummary(db, { userId, startDate: day(1), endDate: day(31) });
    expect(s.map((d) => d.date)).toEqual([day(4), day(5)]);
    expect(s[0]).toMatchObject({
      steps: 4_000,
      restingHrBpm: 58,
      weightKg: 80.2,
      systolicBp: 120,
      diastolicBp: 78,
      afibPositiveCount: 1,
      sleepSeconds: 26_100,
      sleepEfficiency: 0.91,
    });
    expect(s[1]).toMatchObject({ steps: null, sleepSeconds: null });
  });
});
