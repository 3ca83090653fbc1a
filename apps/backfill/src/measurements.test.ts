import { loadIngestConfig } from "@wearables/ingest";
import {
  extractMeasurements,
  measurementByCode,
  measurementByName,
  parseMeasurementSelection,
} from "@wearables/schemas";
import { type Db, readRecords, readSeries, rows } from "@wearables/storage";
import { testDb } from "@wearables/storage/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./test-harness.ts";
import { runPass } from "./worker.ts";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});
afterAll(() => db.close());

describe("MEASUREMENTS (ingest's config)", () => {
  it("is the catalog's default when unset, and names what it does not know", () => {
    expect(loadIngestConfig().measurements.codes.has(measurementByName("steps")!.code)).toBe(true);
    expect(loadIngestConfig().measurements.codes.has(measurementByName("heart_rate")!.code)).toBe(false);
    expect(
      loadIngestConfig({ measurements: "default,heart_rate" }).measurements.codes.has(
        measurementByName("heart_rate")!.code,
      ),
    ).toBe(true);
    expect(() => loadIngestConfig({ measurements: "weight,stepz" })).toThrow(
      /^MEASUREMENTS: unknown measurement\(s\) stepz/,
    );
  });
});

describe("a backfill pass writes the series of what it stores", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness({ users: 1, db, seed: "series", cfg: { historyDays: 20 } });
  });
  afterAll(() => h.close());

  it("stores each record's default measurements with it, as the catalog reads them from the document", async () => {
    const summary = await runPass(h.deps, h.cfg);
    expect(summary.ok).toBe(true);
    const userId = h.sandbox.users[0]!.user_id;
    for (const type of ["daily", "body", "sleep", "activity"] as const) {
      const records = (await readRecords(db, { userId, type, limit: 1000 })).items;
      expect(records.length, type).toBeGreaterThan(0);
      const expected = records.flatMap((r) => extractMeasurements(type, r.document)).length;
      const codes = `{${[...new Set(records.flatMap((r) => extractMeasurements(type, r.document).map((p) => p.code)))].join(",")}}`;
      const stored = await rows<{ n: number }>(
        db,
        sql`select count(*)::int as n from measurements where user_id = ${userId} and measurement = any(${codes}::smallint[])`,
      );
      expect(stored[0]?.n, type).toBe(expected);
    }
    const dailies = (await readRecords(db, { userId, type: "daily", limit: 1000 })).items;
    const [steps] = await readSeries(db, {
      userId,
      measurements: [measurementByName("steps")!.code],
      startDate: dailies[0]!.localDate!,
      endDate: dailies.at(-1)!.localDate!,
      bucket: "day",
    });
    const columns = JSON.parse(steps!.json) as { start: string[]; value: number[] };
    const byDay = new Map(columns.start.map((d, i) => [d, columns.value[i]]));
    for (const d of dailies) {
      expect(byDay.get(d.localDate!), d.localDate!).toBe(
        (d.document as { distance_data: { steps: number } }).distance_data.steps,
      );
    }
  });

  it("writes only the selected measurements", async () => {
    const other = await createHarness({ users: 1, seed: "series-weight", cfg: { historyDays: 10 } });
    try {
      await runPass(other.deps, other.cfg, { measurements: parseMeasurementSelection("weight") });
      const names = await rows<{ measurement: number }>(
        other.db,
        sql`select distinct measurement from measurements`,
      );
      expect(names.map((n) => measurementByCode(n.measurement)?.name)).toEqual(["weight"]);
    } finally {
      await other.close();
    }
  });
});
