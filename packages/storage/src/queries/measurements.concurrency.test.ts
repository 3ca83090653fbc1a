import { extractMeasurements } from "@wearables/schemas";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db, rows } from "../db.ts";
import { dailyDoc, onRealPostgres, type TestDb, testDb } from "../testing.ts";
import { readRecords } from "./read.ts";
import { upsertRecords } from "./records.ts";

// Two writers of one record at once (the webhook and the backfill both write the last days): the
// record ends with the newest copy (concurrency.test.ts) and its measurement rows must be exactly
// that copy's, never the loser's left beside them. PostgreSQL only (PGlite has one connection).
describe.skipIf(!onRealPostgres())(
  "measurement rows under concurrent writers of one record (PostgreSQL)",
  () => {
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

    it("ends with exactly the stored copy's rows when copies race on one key", async () => {
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
  },
);
