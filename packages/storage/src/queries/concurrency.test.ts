import { extractMeasurements } from "@wearables/schemas";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db, rows } from "../db.ts";
import { dailyDoc, onRealPostgres, type TestDb, testDb } from "../testing.ts";
import { readRecords } from "./read.ts";
import { upsertRecords } from "./records.ts";
import { claimWindows, enqueueWindows, listWindows } from "./windows.ts";

// Real concurrency needs two server connections: PGlite has one, so this runs on PostgreSQL only
// (TEST_DATABASE_URL).
describe.skipIf(!onRealPostgres())("concurrent upserts on PostgreSQL", () => {
  let db: TestDb;
  let second: Db;
  beforeAll(async () => {
    db = await testDb();
    second = await createDb(db.connectionUrl, { poolSize: 4 });
  });
  afterAll(async () => {
    await second?.close();
    await db?.close();
  });

  it("ends with one row holding the newest document when two connections race on one key", async () => {
    for (let round = 0; round < 10; round++) {
      const userId = `race-${round}`;
      const versions = Array.from({ length: 8 }, (_, i) => ({ ts: 1_000 + i, steps: 100 * (i + 1) }));
      // Odd versions on one pool, even on the other, all at once.
      await Promise.all(
        versions.map((v, i) =>
          upsertRecords(i % 2 === 0 ? db : second, {
            type: "daily",
            userId,
            records: [dailyDoc("2026-06-01", { steps: v.steps })],
            orderingTs: v.ts,
            source: "webhook",
          }),
        ),
      );
      const rows = (await readRecords(db, { userId, type: "daily" })).items;
      expect(rows).toHaveLength(1);
      expect(rows[0]!.orderingTs).toBe(1_007);
      expect((rows[0]!.document as ReturnType<typeof dailyDoc>).distance_data.steps).toBe(800);
    }
  });

  // Its measurement rows must be exactly the stored copy's, never the loser's beside them.
  it("leaves exactly the stored copy's measurement rows when copies race on one key", async () => {
    for (let round = 0; round < 12; round++) {
      const userId = `mrace-${round}`;
      await upsertRecords(db, {
        type: "daily",
        userId,
        records: [dailyDoc("2026-06-01", { steps: 1 })],
        orderingTs: 1,
        source: "webhook",
      });
      const versions = Array.from({ length: 8 }, (_, i) => ({ ts: 10 + i, steps: 100 * (i + 1) }));
      await Promise.all(
        versions.map((v, i) =>
          upsertRecords(i % 2 === 0 ? db : second, {
            type: "daily",
            userId,
            records: [dailyDoc("2026-06-01", { steps: v.steps })],
            orderingTs: v.ts,
            source: i % 2 === 0 ? "webhook" : "backfill",
          }),
        ),
      );
      const [stored] = (await readRecords(db, { userId, type: "daily" })).items;
      const expected = extractMeasurements("daily", stored!.document).length;
      const got = await rows<{ measurement: number; value: number }>(
        db,
        sql`select measurement, value from measurements where user_id = ${userId} order by measurement`,
      );
      expect(got.length, `round ${round}`).toBe(expected);
      expect(got.find((g) => g.measurement === 70)?.value, `round ${round}`).toBe(800);
    }
  });

  it("inserts a window once when two planners on two connections enqueue it at the same time", async () => {
    const w = { userId: "plan", dataType: "body", startDate: "2026-01-01", endDate: "2026-01-31" };
    const results = await Promise.all([0, 1, 2, 3].map((i) => enqueueWindows(i % 2 ? db : second, [w])));
    expect(results.flat()).toHaveLength(1);
    expect(await listWindows(db, { userId: "plan" })).toHaveLength(1);
  });

  it("never leases one window to two claimers on two connections", async () => {
    const windows = Array.from({ length: 20 }, (_, i) => ({
      userId: "claim",
      dataType: "daily",
      startDate: `2025-${String((i % 12) + 1).padStart(2, "0")}-01`,
      endDate: `2025-${String((i % 12) + 1).padStart(2, "0")}-${i < 12 ? "10" : "20"}`,
    }));
    await enqueueWindows(db, windows);
    const claims = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        claimWindows(i % 2 ? db : second, { owner: `w${i}`, limit: 3, leaseMs: 60_000, userId: "claim" }),
      ),
    );
    // Whatever a skipped lock left over is picked up afterwards; nothing is ever handed out twice.
    const rest = await claimWindows(db, { owner: "late", limit: 100, leaseMs: 60_000, userId: "claim" });
    const ids = [...claims.flat(), ...rest].map((w) => w.id);
    expect(ids).toHaveLength(20);
    expect(new Set(ids).size).toBe(20);
  });
});
