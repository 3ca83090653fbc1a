import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db.ts";
import { bodyDoc, dailyDoc, sleepDoc, testDb } from "../testing.ts";
import { readRecords } from "./read.ts";
import { PreparedRecords, upsertRecordSets, upsertRecords } from "./records.ts";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});
afterAll(async () => {
  await db?.close();
});

async function stored(userId: string, type: "body" | "daily" | "sleep") {
  return (await readRecords(db, { userId, type, limit: 1000 })).items;
}

describe("upsertRecords", () => {
  it("counts inserted, then unchanged for an identical re-delivery", async () => {
    const docs = [dailyDoc("2026-01-01"), dailyDoc("2026-01-02")];
    const a = await upsertRecords(db, {
      type: "daily",
      userId: "u-idem",
      records: docs,
      orderingTs: 10,
      source: "webhook",
    });
    expect(a).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    const b = await upsertRecords(db, {
      type: "daily",
      userId: "u-idem",
      records: docs,
      orderingTs: 10,
      source: "webhook",
    });
    expect(b).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    const c = await upsertRecords(db, {
      type: "daily",
      userId: "u-idem",
      records: docs,
      orderingTs: 11,
      source: "replay",
    });
    expect(c).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await stored("u-idem", "daily")).toHaveLength(2);
  });

  it("ends with the newest version whatever order three versions arrive in", async () => {
    const versions = [
      { ts: 100, steps: 1_000 },
      { ts: 200, steps: 5_000 },
      { ts: 300, steps: 9_000 },
    ];
    const perms = [
      [0, 1, 2],
      [0, 2, 1],
      [1, 0, 2],
      [1, 2, 0],
      [2, 0, 1],
      [2, 1, 0],
    ];
    for (const [n, perm] of perms.entries()) {
      const userId = `u-order-${n}`;
      for (const i of perm) {
        const v = versions[i]!;
        await upsertRecords(db, {
          type: "daily",
          userId,
          records: [dailyDoc("2026-02-10", { steps: v.steps })],
          orderingTs: v.ts,
          source: "webhook",
        });
      }
      const rows = await stored(userId, "daily");
      expect(rows, `permutation ${perm.join(",")}`).toHaveLength(1);
      expect(rows[0]!.orderingTs).toBe(300);
      expect((rows[0]!.document as ReturnType<typeof dailyDoc>).distance_data.steps).toBe(9_000);
    }
  });

  it("reports an older copy as unchanged and a newer different one as updated", async () => {
    const userId = "u-counts";
    await upsertRecords(db, {
      type: "daily",
      userId,
      records: [dailyDoc("2026-03-01", { steps: 5 })],
      orderingTs: 50,
      source: "webhook",
    });
    const older = await upsertRecords(db, {
      type: "daily",
      userId,
      records: [dailyDoc("2026-03-01", { steps: 1 })],
      orderingTs: 40,
      source: "webhook",
    });
    expect(older).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    const newer = await upsertRecords(db, {
      type: "daily",
      userId,
      records: [dailyDoc("2026-03-01", { steps: 9 })],
      orderingTs: 60,
      source: "webhook",
    });
    expect(newer).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
  });

  it("keeps a stored enrichment score when a newer copy carries null", async () => {
    const userId = "u-enrich";
    await upsertRecords(db, {
      type: "sleep",
      userId,
      records: [sleepDoc("s1", "2026-01-05", { score: 83 })],
      orderingTs: 1,
      source: "webhook",
    });
    const r = await upsertRecords(db, {
      type: "sleep",
      userId,
      records: [sleepDoc("s1", "2026-01-05", { score: null })],
      orderingTs: 2,
      source: "webhook",
    });
    const rows = await stored(userId, "sleep");
    expect(
      (rows[0]!.document as { data_enrichment: { sleep_score: number } }).data_enrichment.sleep_score,
    ).toBe(83);
    expect(rows[0]!.orderingTs).toBe(2);
    expect(r.updated + r.unchanged).toBe(1);
    await upsertRecords(db, {
      type: "sleep",
      userId,
      records: [sleepDoc("s1", "2026-01-05", { score: 90 })],
      orderingTs: 3,
      source: "webhook",
    });
    const after = await stored(userId, "sleep");
    expect(
      (after[0]!.document as { data_enrichment: { sleep_score: number } }).data_enrichment.sleep_score,
    ).toBe(90);
  });

  it("keys per-day records by the date part as written, not converted to UTC", async () => {
    const userId = "u-tz";
    await upsertRecords(db, {
      type: "body",
      userId,
      records: [bodyDoc("2026-03-01", { offset: "+09:00" }), bodyDoc("2026-02-28", { offset: "-08:00" })],
      source: "webhook",
    });
    const rows = await stored(userId, "body");
    expect(rows.map((r) => [r.naturalKey, r.localDate])).toEqual([
      ["2026-02-28", "2026-02-28"],
      ["2026-03-01", "2026-03-01"],
    ]);
    expect(rows[1]!.startTime).toBe("2026-03-01T00:00:00.000000+09:00");
  });

  it("applies a key repeated within one call in order, counting each copy", async () => {
    const userId = "u-repeat";
    const r = await upsertRecords(db, {
      type: "daily",
      userId,
      records: [dailyDoc("2026-04-01", { steps: 1 }), dailyDoc("2026-04-01", { steps: 2 })],
      orderingTs: 5,
      source: "backfill",
    });
    expect(r).toEqual({ inserted: 1, updated: 1, unchanged: 0 });
    const rows = await stored(userId, "daily");
    expect((rows[0]!.document as ReturnType<typeof dailyDoc>).distance_data.steps).toBe(2);
  });

  it("splits large calls into batches without losing rows", async () => {
    const userId = "u-batch";
    const days = Array.from({ length: 25 }, (_, i) => dailyDoc(`2025-12-${String(i + 1).padStart(2, "0")}`));
    const r = await upsertRecords(db, {
      type: "daily",
      userId,
      records: days,
      source: "backfill",
      batchSize: 7,
    });
    expect(r.inserted).toBe(25);
    expect(await stored(userId, "daily")).toHaveLength(25);
    // A cap on JSON per statement smaller than one document: each goes alone, none is lost.
    const later = Date.now() + 60_000;
    const again = await upsertRecords(db, {
      type: "daily",
      userId,
      records: days,
      orderingTs: later,
      source: "replay",
      batchChars: 10,
    });
    expect(again).toEqual({ inserted: 0, updated: 0, unchanged: 25 });
    // Same content, newer copy: every row's ordering timestamp moved, so every statement ran.
    expect((await stored(userId, "daily")).every((row) => row.orderingTs === later)).toBe(true);
  });
});

describe("upsertRecordSets", () => {
  it("applies several users' sets in one call, newest copy winning whatever the set order", async () => {
    const counts = await upsertRecordSets(db, [
      {
        type: "daily",
        userId: "u-sets-a",
        records: [dailyDoc("2026-05-01", { steps: 7 })],
        orderingTs: 300,
        source: "webhook",
        eventId: 1,
      },
      {
        type: "daily",
        userId: "u-sets-b",
        records: [dailyDoc("2026-05-01", { steps: 2 })],
        orderingTs: 100,
        source: "webhook",
        eventId: 2,
      },
      // Same user and key as the first set, older: must not overwrite it.
      {
        type: "daily",
        userId: "u-sets-a",
        records: [dailyDoc("2026-05-01", { steps: 1 })],
        orderingTs: 200,
        source: "webhook",
        eventId: 3,
      },
      // Same user and key as the second set, newer: must overwrite it.
      {
        type: "daily",
        userId: "u-sets-b",
        records: [dailyDoc("2026-05-01", { steps: 9 })],
        orderingTs: 400,
        source: "replay",
        eventId: 4,
      },
    ]);
    expect(counts).toEqual({ inserted: 2, updated: 1, unchanged: 1 });
    const a = await stored("u-sets-a", "daily");
    const b = await stored("u-sets-b", "daily");
    expect(a).toHaveLength(1);
    expect((a[0]!.document as ReturnType<typeof dailyDoc>).distance_data.steps).toBe(7);
    expect(a[0]!.orderingTs).toBe(300);
    expect(b).toHaveLength(1);
    expect((b[0]!.document as ReturnType<typeof dailyDoc>).distance_data.steps).toBe(9);
    expect(b[0]!.orderingTs).toBe(400);
  });

  it("stores prepared records exactly as the documents they were prepared from", async () => {
    const docs = [bodyDoc("2026-05-01", { weightKg: 70 }), bodyDoc("2026-05-02", { weightKg: 71 })];
    const args = { type: "body" as const, orderingTs: 5, source: "backfill" as const };
    await upsertRecords(db, { ...args, userId: "u-plain", records: docs });
    const prepared = PreparedRecords.concat("body", [
      PreparedRecords.of("body", docs.slice(0, 1)),
      PreparedRecords.of("body", docs.slice(1)),
    ]);
    expect(prepared.length).toBe(2);
    expect(await upsertRecords(db, { ...args, userId: "u-prep", records: prepared })).toEqual({
      inserted: 2,
      updated: 0,
      unchanged: 0,
    });
    const strip = (rows: Awaited<ReturnType<typeof stored>>) =>
      rows.map(({ naturalKey, localDate, startTime, endTime, document }) => ({
        naturalKey,
        localDate,
        startTime,
        endTime,
        document,
      }));
    expect(strip(await stored("u-prep", "body"))).toEqual(strip(await stored("u-plain", "body")));
    await expect(
      upsertRecords(db, { ...args, type: "daily", userId: "u-prep", records: prepared }),
    ).rejects.toThrow(/another type/);
  });

  it("refuses sets of different types", async () => {
    await expect(
      upsertRecordSets(db, [
        { type: "daily", userId: "u-mixed", records: [dailyDoc("2026-05-02")], source: "webhook" },
        { type: "sleep", userId: "u-mixed", records: [], source: "webhook" },
      ]),
    ).rejects.toThrow(/different types/);
  });
});
