import { measurementByCode, parseMeasurementSelection } from "@wearables/schemas";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Db, rows, transaction } from "../db.ts";
import { bodyDoc, dailyDoc, sleepDoc, testDb } from "../testing.ts";
import { PreparedRecords, upsertRecords } from "./records.ts";

let db: Db;
beforeAll(async () => {
  db = await testDb();
});
afterAll(async () => {
  await db?.close();
});

interface Point {
  name: string | undefined;
  at: string;
  offset: number | null;
  value: number;
}

async function points(userId: string, names?: string[]): Promise<Point[]> {
  const r = await rows<{ measurement: number; at: string; utc_offset: number | null; value: number }>(
    db,
    sql`select measurement, local_ts::text as at, utc_offset, value from measurements
        where user_id = ${userId} order by measurement, local_ts, value`,
  );
  return r
    .map((p) => ({
      name: measurementByCode(p.measurement)?.name,
      at: p.at,
      offset: p.utc_offset,
      value: p.value,
    }))
    .filter((p) => !names || names.includes(p.name ?? ""));
}

describe("measurement rows written with their record", () => {
  it("stores each selected measurement with its wall-clock time and offset as written", async () => {
    await upsertRecords(db, {
      type: "body",
      userId: "m-body",
      records: [bodyDoc("2026-03-02", { offset: "+01:00", samples: 2 })],
      source: "webhook",
    });
    expect(await points("m-body", ["weight", "systolic_bp", "afib_classification"])).toEqual([
      { name: "weight", at: "2026-03-02 07:12:00", offset: 60, value: 72.4 },
      { name: "weight", at: "2026-03-02 08:12:00", offset: 60, value: 72.5 },
      { name: "systolic_bp", at: "2026-03-02 07:12:00", offset: 60, value: 118 },
      { name: "systolic_bp", at: "2026-03-02 08:12:00", offset: 60, value: 119 },
      { name: "afib_classification", at: "2026-03-02 07:12:00", offset: 60, value: 0 },
      { name: "afib_classification", at: "2026-03-02 08:12:00", offset: 60, value: 1 },
    ]);
  });

  it("replaces a record's rows when a newer copy wins, and leaves them when an older one loses", async () => {
    const userId = "m-replace";
    const write = (steps: number, orderingTs: number) =>
      upsertRecords(db, {
        type: "daily",
        userId,
        records: [dailyDoc("2026-03-01", { steps })],
        orderingTs,
        source: "webhook",
      });
    await write(1_000, 10);
    const before = await points(userId);
    expect(before.find((p) => p.name === "steps")?.value).toBe(1_000);
    expect(await write(5_000, 20)).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    const after = await points(userId);
    expect(after.filter((p) => p.name === "steps")).toEqual([
      { name: "steps", at: "2026-03-01 00:00:00", offset: 0, value: 5_000 },
    ]);
    expect(after).toHaveLength(before.length);
    // An older copy arriving late, and a newer identical copy: nothing changes.
    expect(await write(3_000, 15)).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    expect(await write(5_000, 30)).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    expect(await points(userId)).toEqual(after);
  });

  it("drops a measurement the newer copy no longer carries", async () => {
    const userId = "m-shrink";
    await upsertRecords(db, {
      type: "body",
      userId,
      records: [bodyDoc("2026-03-03")],
      orderingTs: 1,
      source: "webhook",
    });
    const fewer = bodyDoc("2026-03-03");
    fewer.blood_pressure_data.blood_pressure_samples = [];
    await upsertRecords(db, { type: "body", userId, records: [fewer], orderingTs: 2, source: "webhook" });
    expect(await points(userId, ["systolic_bp", "diastolic_bp"])).toEqual([]);
    expect((await points(userId, ["weight"])).length).toBe(3);
  });

  it("writes only the selected measurements, high-frequency ones included when asked", async () => {
    await upsertRecords(db, {
      type: "sleep",
      userId: "m-select",
      records: [sleepDoc("s-sel", "2026-03-04")],
      measurements: parseMeasurementSelection("sleep_duration,hypnogram"),
      source: "backfill",
    });
    const got = await points("m-select");
    expect(new Set(got.map((p) => p.name))).toEqual(new Set(["sleep_duration", "hypnogram"]));
    expect(got.filter((p) => p.name === "hypnogram")).toHaveLength(32);
    await upsertRecords(db, {
      type: "sleep",
      userId: "m-none",
      records: [sleepDoc("s-none", "2026-03-04")],
      measurements: parseMeasurementSelection("none"),
      source: "backfill",
    });
    expect(await points("m-none")).toEqual([]);
  });

  it("stores prepared records' points, and refuses a different selection for them", async () => {
    const prepared = PreparedRecords.of("daily", [dailyDoc("2026-03-05", { steps: 42 })]);
    await upsertRecords(db, { type: "daily", userId: "m-prep", records: prepared, source: "backfill" });
    expect((await points("m-prep", ["steps"]))[0]?.value).toBe(42);
    await expect(
      upsertRecords(db, {
        type: "daily",
        userId: "m-prep",
        records: prepared,
        measurements: parseMeasurementSelection("steps"),
        source: "backfill",
      }),
    ).rejects.toThrow(/another measurement selection/);
  });

  it("leaves a sample whose time is not a calendar time out of the series and keeps the record", async () => {
    const doc = bodyDoc("2026-03-06", { samples: 2 });
    doc.measurements_data.measurements[1]!.measurement_time = "2026-02-30T07:00:00+00:00";
    doc.blood_pressure_data.blood_pressure_samples[0]!.timestamp = "0000-01-01T00:00:00Z";
    const r = await upsertRecords(db, { type: "body", userId: "m-odd", records: [doc], source: "webhook" });
    expect(r.inserted).toBe(1);
    expect((await points("m-odd", ["weight"])).map((p) => p.at)).toEqual(["2026-03-06 07:12:00"]);
    expect((await points("m-odd", ["systolic_bp"])).map((p) => p.at)).toEqual(["2026-03-06 08:12:00"]);
  });

  it("ties points to their record whatever characters the user id and key hold", async () => {
    const userId = 'odd "user" \\ {x,y}';
    await upsertRecords(db, {
      type: "sleep",
      userId,
      records: [sleepDoc('s "1" \\ {a}', "2026-03-09"), sleepDoc("s-2", "2026-03-10")],
      source: "webhook",
    });
    const got = await points(userId, ["sleep_duration"]);
    expect(got.map((p) => p.at)).toEqual(["2026-03-09 23:05:00", "2026-03-10 23:05:00"]);
  });

  it("writes nothing of a record whose transaction rolls back", async () => {
    await expect(
      transaction(db, async (tx) => {
        await upsertRecords(tx, {
          type: "daily",
          userId: "m-rollback",
          records: [dailyDoc("2026-03-07")],
          source: "webhook",
        });
        throw new Error("later step failed");
      }),
    ).rejects.toThrow();
    expect(await points("m-rollback")).toEqual([]);
  });

  it("keys a repeated record within one call to its last copy's rows", async () => {
    await upsertRecords(db, {
      type: "daily",
      userId: "m-repeat",
      records: [dailyDoc("2026-03-08", { steps: 1 }), dailyDoc("2026-03-08", { steps: 2 })],
      orderingTs: 5,
      source: "webhook",
    });
    expect((await points("m-repeat", ["steps"])).map((p) => p.value)).toEqual([2]);
  });
});
