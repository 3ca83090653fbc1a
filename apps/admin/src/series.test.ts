import { ApiThresholdPageSchema, ApiUserSeriesSchema } from "@wearables/schemas";
import { upsertRecords } from "@wearables/storage";
import { bodyDoc, dailyDoc, dayRange } from "@wearables/storage/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, harness, type Json, json } from "./test-app.ts";

let h: Harness;
const USER = "u-series";

beforeAll(async () => {
  h = await harness();
  const d = dayRange("2026-03-01", 14);
  await upsertRecords(h.db, {
    type: "daily",
    userId: USER,
    source: "backfill",
    records: d.map((x, i) => dailyDoc(x, { steps: 1000 + i, offset: "+01:00" })),
  });
  await upsertRecords(h.db, {
    type: "body",
    userId: USER,
    source: "backfill",
    records: d.map((x, i) => bodyDoc(x, { offset: "+01:00", samples: 1, weightKg: 70 + i / 10 })),
  });
  // Three users' blood pressure for the threshold route: 120, 140 and 160 mmHg.
  for (const [i, sys] of [120, 140, 160].entries()) {
    const doc = bodyDoc("2026-03-03", { samples: 1 });
    doc.blood_pressure_data.blood_pressure_samples[0]!.systolic_bp = sys;
    await upsertRecords(h.db, { type: "body", userId: `bp-${i}`, source: "webhook", records: [doc] });
  }
});
afterAll(() => h.close());

describe("GET /v1/users/{id}/series", () => {
  it("answers points with units and their source record, exactly the documented shape", async () => {
    const res = await h.call(
      "GET",
      `/v1/users/${USER}/series?measurement=weight&start=2026-03-02&end=2026-03-03&bucket=raw`,
    );
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(ApiUserSeriesSchema.strict().parse(body)).toEqual(body);
    expect(body.series).toEqual([
      {
        measurement: "weight",
        label: "Weight",
        unit: "kg",
        kind: "point",
        aggregation: "mean",
        truncated: false,
        points: {
          t: ["2026-03-02T07:12:00+01:00", "2026-03-03T07:12:00+01:00"],
          v: [70.1, 70.2],
          key: ["2026-03-02", "2026-03-03"],
        },
      },
    ]);
  });

  it("buckets several measurements by local week, each combined as the catalog says", async () => {
    const res = await h.call(
      "GET",
      `/v1/users/${USER}/series?measurement=steps,weight&measurement=systolic_bp&start=2026-03-02&end=2026-03-15&bucket=week`,
    );
    const body = await json(res);
    expect(body.series.map((s: Json) => s.measurement)).toEqual(["steps", "weight", "systolic_bp"]);
    const [steps, weight, sys] = body.series;
    expect(steps.buckets).toEqual({
      start: ["2026-03-02", "2026-03-09"],
      count: [7, 6],
      min: [1001, 1008],
      max: [1007, 1013],
      value: [7028, 6063],
    });
    expect(weight.aggregation).toBe("mean");
    expect(weight.buckets.value[0]).toBeCloseTo(70.4, 6);
    expect(sys.unit).toBe("mm[Hg]");
    expect(sys.buckets.count).toEqual([7, 6]);
  });

  it("answers empty series for a user without data", async () => {
    const body = await json(
      await h.call("GET", "/v1/users/nobody/series?measurement=steps&start=2026-03-01&end=2026-03-31"),
    );
    expect(body.series).toEqual([
      {
        measurement: "steps",
        label: "Steps",
        unit: "{steps}",
        kind: "daily",
        aggregation: "sum",
        truncated: false,
        buckets: { start: [], count: [], min: [], max: [], value: [] },
      },
    ]);
    expect(body.bucket).toBe("day");
  });

  const bad: [string, string][] = [
    ["measurement=stepz&start=2026-03-01&end=2026-03-02", "query.measurement.0"],
    ["start=2026-03-01&end=2026-03-02", "query.measurement"],
    ["measurement=steps&end=2026-03-02", "query.start"],
    ["measurement=steps&start=2026-02-30&end=2026-03-02", "query.start"],
    ["measurement=steps&start=0000-01-01&end=2026-03-02", "query.start"],
    ["measurement=steps&start=2026-03-05&end=2026-03-01", "query.end"],
    ["measurement=steps&start=2010-01-01&end=2026-03-01", "query.end"],
    ["measurement=steps&start=2023-01-01&end=2026-03-01&bucket=raw", "query.end"],
    ["measurement=steps&start=2026-03-01&end=2026-03-02&bucket=year", "query.bucket"],
    ["measurement=steps&start=2026-03-01&end=2026-03-02&bucket=raw&limit=0", "query.limit"],
    ["measurement=steps&start=2026-03-01&end=2026-03-02&limit=1e400", "query.limit"],
    ["measurement=steps,weight,bmi&start=2026-03-01&end=2026-03-02&bucket=raw&limit=40000", "query.limit"],
    [`measurement=${Array(13).fill("steps").join(",")}&start=2026-03-01&end=2026-03-02`, "query.measurement"],
  ];
  for (const [query, field] of bad) {
    it(`${query.slice(0, 60)} → 400 naming ${field}`, async () => {
      const res = await h.call("GET", `/v1/users/${USER}/series?${query}`);
      expect(res.status).toBe(400);
      const body = await json(res);
      expect(body.error.code).toBe("invalid_request");
      expect(body.error.issues.map((i: Json) => i.field)).toContain(field);
    });
  }

  it("refuses a user id the database cannot hold as text, naming it", async () => {
    const res = await h.call(
      "GET",
      "/v1/users/a%00b/series?measurement=steps&start=2026-03-01&end=2026-03-02",
    );
    expect(res.status).toBe(400);
    expect((await json(res)).error.issues[0].field).toBe("param.id");
  });
});

describe("GET /v1/series/{measurement}", () => {
  it("lists who crossed a threshold in the range, paged by user", async () => {
    const res = await h.call("GET", "/v1/series/systolic_bp?start=2026-03-02&end=2026-03-08&min=140");
    expect(res.status).toBe(200);
    const body = await json(res);
    expect(ApiThresholdPageSchema.strict().parse(body)).toEqual(body);
    expect(body.data.map((r: Json) => [r.user_id, r.count, r.max])).toEqual([
      ["bp-1", 1, 140],
      ["bp-2", 1, 160],
    ]);
    expect(body).toMatchObject({
      measurement: "systolic_bp",
      unit: "mm[Hg]",
      min: 140,
      max: null,
      next_cursor: null,
    });
    const p1 = await json(
      await h.call("GET", "/v1/series/systolic_bp?start=2026-03-02&end=2026-03-08&min=100&limit=2"),
    );
    const p2 = await json(
      await h.call(
        "GET",
        `/v1/series/systolic_bp?start=2026-03-02&end=2026-03-08&min=100&limit=2&cursor=${p1.next_cursor}`,
      ),
    );
    const ids = [...p1.data, ...p2.data].map((r: Json) => r.user_id);
    expect(ids.filter((u: string) => u.startsWith("bp-"))).toEqual(["bp-0", "bp-1", "bp-2"]);
  });

  const bad: [string, string][] = [
    ["/v1/series/systolik?start=2026-03-01&end=2026-03-02", "param.measurement"],
    ["/v1/series/systolic_bp?start=2026-03-01&end=2026-03-02&min=abc", "query.min"],
    ["/v1/series/systolic_bp?start=2026-03-01&end=2026-03-02&min=150&max=140", "query.max"],
    ["/v1/series/systolic_bp?start=2026-03-01&end=2026-03-02&cursor=bm9wZQ", "query.cursor"],
    ["/v1/series/systolic_bp?start=2026-03-01&end=2026-03-02&limit=5000", "query.limit"],
    ["/v1/series/systolic_bp?start=2020-03-01&end=2026-03-02", "query.end"],
    ["/v1/series/systolic_bp?end=2026-03-02", "query.start"],
  ];
  for (const [path, field] of bad) {
    it(`${path.slice(11, 70)} → 400 naming ${field}`, async () => {
      const res = await h.call("GET", path);
      expect(res.status).toBe(400);
      expect((await json(res)).error.issues.map((i: Json) => i.field)).toContain(field);
    });
  }
});
