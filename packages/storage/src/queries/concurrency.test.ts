import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../db.ts";
import { dailyDoc, onRealPostgres, type TestDb, testDb } from "../testing.ts";
import { readRecords } from "./read.ts";
import { upsertRecords } from "./records.ts";

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
});
