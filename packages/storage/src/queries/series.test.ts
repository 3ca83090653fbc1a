import { measurementByName } from "@wearables/schemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db.ts";
import { bodyDoc, dailyDoc, dayRange, testDb } from "../testing.ts";
import { recordsFingerprint } from "./fingerprint.ts";
import { InvalidCursorError } from "./read-query.ts";
import { upsertRecords } from "./records.ts";
import { readSeries, thresholdCrossings } from "./series.ts";

let db: Db;
const code = (n: string) => measurementByName(n)!.code;
/** The columnar JSON of a series as one object per point or bucket, for readable assertions. */
// biome-ignore lint/suspicious/noExplicitAny: parsed series are asserted field by field
function parse(json: string): any[] {
  const columns = JSON.parse(json) as Record<string, unknown[]>;
  const names = Object.keys(columns);
  const n = columns[names[0]!]!.length;
  for (const c of names) expect(columns[c]!.length, c).toBe(n);
  return Array.from({ length: n }, (_, i) => Object.fromEntries(names.map((c) => [c, columns[c]![i]])));
}

beforeAll(async () => {
  db = await testDb();
  // Ten days of steps (1000, 1100, …) and two weigh-ins a day, written west of Greenwich.
  await upsertRecords(db, {
    type: "daily",
    userId: "s1",
    records: dayRange("2026-03-01", 10).map((d, i) =>
      dailyDoc(d, { steps: 1000 + 100 * i, offset: "-05:00" }),
    ),
    source: "backfill",
  });
  await upsertRecords(db, {
    type: "body",
    userId: "s1",
    records: dayRange("2026-03-01", 10).map((d, i) =>
      bodyDoc(d, { offset: "-05:00", samples: 2, weightKg: 70 + i }),
    ),
    source: "backfill",
  });
});
afterAll(async () => {
  await db?.close();
});

describe("readSeries", () => {
  it("gives raw points with their time as written, value and source record", async () => {
    const [weight] = await readSeries(db, {
      userId: "s1",
      measurements: [code("weight")],
      startDate: "2026-03-02",
      endDate: "2026-03-02",
      bucket: "raw",
    });
    expect(weight!.truncated).toBe(false);
    expect(parse(weight!.json)).toEqual([
      { t: "2026-03-02T07:12:00-05:00", v: 71, key: "2026-03-02" },
      { t: "2026-03-02T08:12:00-05:00", v: 71.1, key: "2026-03-02" },
    ]);
  });

  it("buckets by the local day as written, not the UTC day", async () => {
    // 23:30 at -05:00 is the next day in UTC; it stays on its own local day.
    const late = bodyDoc("2026-03-20", { offset: "-05:00", samples: 1, weightKg: 80 });
    late.measurements_data.measurements[0]!.measurement_time = "2026-03-20T23:30:00.000000-05:00";
    await upsertRecords(db, { type: "body", userId: "s1", records: [late], source: "webhook" });
    const [weight] = await readSeries(db, {
      userId: "s1",
      measurements: [code("weight")],
      startDate: "2026-03-20",
      endDate: "2026-03-21",
      bucket: "day",
    });
    expect(parse(weight!.json)).toEqual([{ start: "2026-03-20", count: 1, min: 80, max: 80, value: 80 }]);
  });

  it("combines buckets as the catalog says: mean for weight, sum for steps, last for AFib", async () => {
    const [weight, steps, afib] = await readSeries(db, {
      userId: "s1",
      measurements: [code("weight"), code("steps"), code("afib_classification")],
      startDate: "2026-03-01",
      endDate: "2026-03-10",
      bucket: "week",
    });
    // 2026-03-01 is a Sunday: ISO weeks start on Mondays (02-23 and 03-02, 03-09).
    expect(
      parse(weight!.json).map((b) => [b.start, b.count, b.min, b.max, Math.round(b.value * 100) / 100]),
    ).toEqual([
      ["2026-02-23", 2, 70, 70.1, 70.05],
      ["2026-03-02", 14, 71, 77.1, 74.05],
      ["2026-03-09", 4, 78, 79.1, 78.55],
    ]);
    expect(parse(steps!.json).map((b) => [b.start, b.value])).toEqual([
      ["2026-02-23", 1000],
      ["2026-03-02", 1100 + 1200 + 1300 + 1400 + 1500 + 1600 + 1700],
      ["2026-03-09", 1800 + 1900],
    ]);
    // Each day's readings are negative (0) then positive (1): the last of a week is positive.
    expect(parse(afib!.json).map((b) => [b.min, b.max, b.value])).toEqual([
      [0, 1, 1],
      [0, 1, 1],
      [0, 1, 1],
    ]);
  });

  it("gives a daily measurement one bucket per local day, the day's value", async () => {
    const [steps, pulse] = await readSeries(db, {
      userId: "s1",
      measurements: [code("steps"), code("pulse")],
      startDate: "2026-03-02",
      endDate: "2026-03-04",
      bucket: "day",
    });
    expect(parse(steps!.json)).toEqual([
      { start: "2026-03-02", count: 1, min: 1100, max: 1100, value: 1100 },
      { start: "2026-03-03", count: 1, min: 1200, max: 1200, value: 1200 },
      { start: "2026-03-04", count: 1, min: 1300, max: 1300, value: 1300 },
    ]);
    expect(parse(pulse!.json).map((b) => [b.start, b.count, b.value])).toEqual([
      ["2026-03-02", 1, 64],
      ["2026-03-03", 1, 64],
      ["2026-03-04", 1, 64],
    ]);
  });

  it("buckets by month and by local hour", async () => {
    const [steps] = await readSeries(db, {
      userId: "s1",
      measurements: [code("steps")],
      startDate: "2026-03-01",
      endDate: "2026-03-31",
      bucket: "month",
    });
    expect(parse(steps!.json)).toEqual([
      { start: "2026-03-01", count: 10, min: 1000, max: 1900, value: 14_500 },
    ]);
    const [weight] = await readSeries(db, {
      userId: "s1",
      measurements: [code("weight")],
      startDate: "2026-03-01",
      endDate: "2026-03-01",
      bucket: "hour",
    });
    expect(parse(weight!.json).map((b) => b.start)).toEqual(["2026-03-01T07:00", "2026-03-01T08:00"]);
  });

  it("truncates raw series at the limit and says so, and answers empty series for no data", async () => {
    const [weight, spo2] = await readSeries(db, {
      userId: "s1",
      measurements: [code("weight"), code("spo2")],
      startDate: "2026-03-01",
      endDate: "2026-03-10",
      bucket: "raw",
      limit: 3,
    });
    expect(weight!.truncated).toBe(true);
    expect(parse(weight!.json).map((p) => p.t)).toEqual([
      "2026-03-01T07:12:00-05:00",
      "2026-03-01T08:12:00-05:00",
      "2026-03-02T07:12:00-05:00",
    ]);
    expect(spo2).toEqual({ code: code("spo2"), json: '{"t":[],"v":[],"key":[]}', truncated: false });
    expect(
      await readSeries(db, {
        userId: "nobody",
        measurements: [code("steps")],
        startDate: "2026-03-01",
        endDate: "2026-03-02",
        bucket: "day",
      }),
    ).toEqual([
      { code: code("steps"), json: '{"start":[],"count":[],"min":[],"max":[],"value":[]}', truncated: false },
    ]);
  });
});

describe("thresholdCrossings", () => {
  beforeAll(async () => {
    // Five users; user i's systolic readings are 130 + 5 i (and one more each).
    for (let i = 0; i < 5; i++) {
      const doc = bodyDoc("2026-04-01", { samples: 1 });
      doc.blood_pressure_data.blood_pressure_samples = [
        { timestamp: "2026-04-01T07:00:00.000000+02:00", systolic_bp: 130 + 5 * i, diastolic_bp: 80 },
        { timestamp: "2026-04-02T07:00:00.000000+02:00", systolic_bp: 131 + 5 * i, diastolic_bp: 81 },
      ];
      await upsertRecords(db, { type: "body", userId: `t${i}`, records: [doc], source: "webhook" });
    }
  });

  it("finds who crossed a threshold in a range, with counts, extremes and times", async () => {
    const r = await thresholdCrossings(db, {
      measurement: code("systolic_bp"),
      startDate: "2026-04-01",
      endDate: "2026-04-07",
      min: 140,
    });
    expect(r.items).toEqual([
      {
        userId: "t2",
        count: 2,
        min: 140,
        max: 141,
        first: "2026-04-01T07:00:00",
        last: "2026-04-02T07:00:00",
      },
      {
        userId: "t3",
        count: 2,
        min: 145,
        max: 146,
        first: "2026-04-01T07:00:00",
        last: "2026-04-02T07:00:00",
      },
      {
        userId: "t4",
        count: 2,
        min: 150,
        max: 151,
        first: "2026-04-01T07:00:00",
        last: "2026-04-02T07:00:00",
      },
    ]);
    expect(r.nextCursor).toBeNull();
    const band = await thresholdCrossings(db, {
      measurement: code("systolic_bp"),
      startDate: "2026-04-02",
      endDate: "2026-04-02",
      min: 136,
      max: 141,
    });
    expect(band.items.map((x) => [x.userId, x.count])).toEqual([
      ["t1", 1],
      ["t2", 1],
    ]);
  });

  it("pages by user with a cursor it checks", async () => {
    const args = {
      measurement: code("systolic_bp"),
      startDate: "2026-04-01",
      endDate: "2026-04-30",
      limit: 2,
    };
    const p1 = await thresholdCrossings(db, args);
    expect(p1.items.map((x) => x.userId)).toEqual(["t0", "t1"]);
    const p2 = await thresholdCrossings(db, { ...args, cursor: p1.nextCursor });
    const p3 = await thresholdCrossings(db, { ...args, cursor: p2.nextCursor });
    expect([...p2.items, ...p3.items].map((x) => x.userId)).toEqual(["t2", "t3", "t4"]);
    expect(p3.nextCursor).toBeNull();
    await expect(thresholdCrossings(db, { ...args, cursor: "garbage!" })).rejects.toBeInstanceOf(
      InvalidCursorError,
    );
    await expect(
      thresholdCrossings(db, { ...args, cursor: Buffer.from("x:t1").toString("base64url") }),
    ).rejects.toBeInstanceOf(InvalidCursorError);
  });
});

describe("recordsFingerprint", () => {
  const fp = (userId: string, startDate?: string, endDate?: string) =>
    recordsFingerprint(db, { userId, types: ["daily"], startDate, endDate });

  it("changes exactly when the records of the range change", async () => {
    await upsertRecords(db, {
      type: "daily",
      userId: "fp",
      records: [dailyDoc("2026-05-01"), dailyDoc("2026-05-02")],
      orderingTs: 1,
      source: "webhook",
    });
    const a = await fp("fp", "2026-05-01", "2026-05-31");
    expect(await fp("fp", "2026-05-01", "2026-05-31")).toBe(a);
    // A newer identical copy changes nothing.
    await upsertRecords(db, {
      type: "daily",
      userId: "fp",
      records: [dailyDoc("2026-05-01")],
      orderingTs: 2,
      source: "webhook",
    });
    expect(await fp("fp", "2026-05-01", "2026-05-31")).toBe(a);
    // A revision does.
    await upsertRecords(db, {
      type: "daily",
      userId: "fp",
      records: [dailyDoc("2026-05-01", { steps: 5 })],
      orderingTs: 3,
      source: "webhook",
    });
    const b = await fp("fp", "2026-05-01", "2026-05-31");
    expect(b).not.toBe(a);
    // A new record outside the range does not; inside it does.
    await upsertRecords(db, {
      type: "daily",
      userId: "fp",
      records: [dailyDoc("2026-06-01")],
      source: "webhook",
    });
    expect(await fp("fp", "2026-05-01", "2026-05-31")).toBe(b);
    expect(await fp("fp")).not.toBe(b);
    expect(await fp("other")).toBe("daily:0:");
  });
});
