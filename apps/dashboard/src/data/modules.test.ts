import { createAdminClient } from "@wearables/admin-client";
import { type ApiMeasurement, renderCatalogJson } from "@wearables/schemas";
import { describe, expect, it } from "vitest";
import { dayStart, wallClock } from "../range.ts";
import { loadAfibEcg } from "./afib-ecg.ts";
import { loadBloodPressure } from "./blood-pressure.ts";
import { loadCoverage } from "./coverage.ts";
import { loadHeart } from "./heart.ts";
import { readings, recordOf } from "./series.ts";
import { loadSleepStages } from "./sleep-stages.ts";
import { loadSpo2 } from "./spo2.ts";
import { loadSteps } from "./steps.ts";
import { loadTemperature } from "./temperature.ts";
import { loadWeight } from "./weight.ts";

const CATALOG = (JSON.parse(renderCatalogJson()) as { measurements: ApiMeasurement[] }).measurements;

// The series API's answers for one person from 1 to 3 March 2026 (Tokyo, +09:00): raw points
// column-wise with their body record's key (its day), and day buckets.
const at = (d: string, hm: string) => `2026-03-0${d}T${hm}:00+09:00`;
const raw = (...points: [string, number][]) => ({
  t: points.map(([t]) => t),
  v: points.map(([, v]) => v),
  key: points.map(([t]) => t.slice(0, 10)),
});
const RAW: Record<string, ReturnType<typeof raw>> = {
  weight: raw([at("1", "07:10"), 70.2], [at("3", "07:00"), 69.9]),
  body_fat: raw([at("1", "07:10"), 21.5]),
  muscle_mass: raw([at("1", "07:10"), 52300]),
  systolic_bp: raw([at("1", "08:00"), 131], [at("1", "20:00"), 125]),
  diastolic_bp: raw([at("1", "08:00"), 84], [at("1", "20:00"), 80]),
  measured_heart_rate: raw([at("1", "08:00"), 77]),
  pulse: raw([at("1", "00:00"), 71]),
  spo2: raw([at("1", "03:00"), 96]),
  body_temperature: raw([at("1", "07:30"), 36.7]),
  afib_classification: raw([at("1", "09:00"), 0]),
  ecg_result: raw([at("1", "09:00"), 1]),
  ecg_heart_rate: raw([at("1", "09:00"), 74]),
};
const days = (...b: [string, number][]) => ({
  start: b.map(([d]) => `2026-03-0${d}`),
  count: b.map(() => 1),
  min: b.map(([, v]) => v),
  max: b.map(([, v]) => v),
  value: b.map(([, v]) => v),
});
const DAY: Record<string, ReturnType<typeof days>> = {
  resting_heart_rate: days(["1", 58], ["2", 60]),
  hrv_rmssd: days(["1", 41.5]),
  // A night of the 1st: the sums of its sessions (naps give no nightly values).
  deep_sleep: days(["1", 3600]),
  light_sleep: days(["1", 14400]),
  rem_sleep: days(["1", 5400]),
  awake_duration: days(["1", 1800]),
  sleep_duration: days(["1", 23400]),
  steps: days(["3", 9000]),
  weight: days(["1", 70.2], ["3", 69.9]),
};

/** The entries of column-wise arrays at the indexes kept. */
function pick<T extends Record<string, unknown[]>>(cols: T, keep: (i: number, cols: T) => boolean): T {
  const first = Object.values(cols)[0] ?? [];
  const idx = first.map((_, i) => i).filter((i) => keep(i, cols));
  return Object.fromEntries(Object.entries(cols).map(([k, v]) => [k, idx.map((i) => v[i])])) as T;
}

interface Fake {
  requests: URL[];
  args: Parameters<typeof loadWeight>[0];
}

function fake(opts: { catalog?: ApiMeasurement[]; truncated?: string[] } = {}): Fake {
  const requests: URL[] = [];
  const json = (b: unknown) =>
    Promise.resolve(new Response(JSON.stringify(b), { headers: { "content-type": "application/json" } }));
  const api = (req: Request): Promise<Response> => {
    const url = new URL(req.url);
    requests.push(url);
    const q = url.searchParams;
    if (url.pathname === "/v1/measurements") return json({ data: opts.catalog ?? CATALOG });
    if (url.pathname === "/v1/users/u-1/series") {
      const bucket = q.get("bucket");
      const inRange = (t: string) => q.get("start")! <= t.slice(0, 10) && t.slice(0, 10) <= q.get("end")!;
      return json({
        user_id: "u-1",
        start: q.get("start"),
        end: q.get("end"),
        bucket,
        series: q.getAll("measurement").map((m) => {
          const def = CATALOG.find((d) => d.name === m)!;
          const head = { measurement: m, label: def.label, unit: def.unit, kind: def.kind };
          return bucket === "raw"
            ? {
                ...head,
                aggregation: def.aggregation,
                truncated: opts.truncated?.includes(m) ?? false,
                points: pick(RAW[m] ?? { t: [], v: [], key: [] }, (i, p) => inRange(p.t[i]!)),
              }
            : {
                ...head,
                aggregation: def.aggregation,
                truncated: false,
                buckets: pick(DAY[m] ?? { start: [], count: [], min: [], max: [], value: [] }, (i, b) =>
                  inRange(b.start[i]!),
                ),
              };
        }),
      });
    }
    if (url.pathname === "/v1/users/u-1/coverage") {
      return json({
        user_id: "u-1",
        data: [
          { type: "daily", ranges: [{ start_date: "2026-03-01", end_date: "2026-03-02" }] },
          { type: "body", ranges: [{ start_date: "2026-02-20", end_date: "2026-03-02" }] },
        ],
      });
    }
    if (url.pathname === "/v1/backfills") {
      return json({
        data: [
          { status: "running", types: ["sleep"], start_date: "2026-03-02", end_date: "2026-03-03" },
          { status: "done", types: ["body"], start_date: "2026-03-02", end_date: "2026-03-02" },
        ],
        next_cursor: null,
      });
    }
    return Promise.resolve(new Response("{}", { status: 404 }));
  };
  return {
    requests,
    args: {
      client: createAdminClient({ baseUrl: "http://admin.test", token: "t", fetch: api }),
      userId: "u-1",
      range: { start: "2026-03-01", end: "2026-03-03" },
    },
  };
}

const body = (date: string) => [{ type: "body", key: date, date }];

describe("the charts' data modules, from the series API", () => {
  it("weight: one point per weigh-in, muscle in kg, at the time as written, its body record behind it", async () => {
    const w = await loadWeight(fake().args);
    expect(w.x).toEqual([wallClock("2026-03-01T07:10:00"), wallClock("2026-03-03T07:00:00")]);
    expect(w.series.map((s) => s.values)).toEqual([
      [70.2, 69.9],
      [21.5, null],
      [52.3, null],
    ]);
    expect(w.refs).toEqual([body("2026-03-01"), body("2026-03-03")]);
    expect([w.truncated, w.optIn]).toEqual([false, []]);
  });

  it("blood pressure: the pulse sampled at the reading, else the day's", async () => {
    const bp = await loadBloodPressure(fake().args);
    expect(bp.series.map((s) => s.values)).toEqual([
      [131, 125],
      [84, 80],
      [77, 71],
    ]);
  });

  it("resting HR and HRV per day, each point backed by the records of the series it has", async () => {
    const h = await loadHeart(fake().args);
    expect(h.x).toEqual([dayStart("2026-03-01"), dayStart("2026-03-02")]);
    expect(h.series.map((s) => s.values)).toEqual([
      [58, 60],
      [41.5, null],
    ]);
    expect(h.refs).toEqual([
      [
        { type: "daily", date: "2026-03-01" },
        { type: "sleep", date: "2026-03-01" },
      ],
      [{ type: "daily", date: "2026-03-02" }],
    ]);
  });

  it("SpO2 and temperature, one point per reading", async () => {
    const f = fake();
    expect((await loadSpo2(f.args)).series[0]!.values).toEqual([96]);
    const t = await loadTemperature(f.args);
    expect([t.x, t.series[0]!.values, t.refs]).toEqual([
      [wallClock("2026-03-01T07:30:00")],
      [36.7],
      [body("2026-03-01")],
    ]);
  });

  it("sleep stages in hours per night, from the day buckets of the night's start", async () => {
    const s = await loadSleepStages(fake().args);
    expect(s.x).toEqual([dayStart("2026-03-01")]);
    expect(s.series.map((x) => x.values[0])).toEqual([1, 4, 1.5, 0.5]);
    expect(s.refs).toEqual([[{ type: "sleep", date: "2026-03-01" }]]);
  });

  it("steps per day, days without steps left out", async () => {
    const s = await loadSteps(fake().args);
    expect(s.x).toEqual([dayStart("2026-03-03")]);
    expect(s.series[0]!.values).toEqual([9000]);
    expect(s.refs).toEqual([[{ type: "daily", date: "2026-03-03" }]]);
  });

  it("AFib and ECG results, a 0 classification read as negative, the ECG's heart rate joined", async () => {
    const list = await loadAfibEcg(fake().args);
    expect(list.map((r) => [r.kind, r.result, r.avgHrBpm, r.timestamp])).toEqual([
      ["AFib classification", "negative", null, "2026-03-01T09:00:00+09:00"],
      ["ECG", "positive", 74, "2026-03-01T09:00:00+09:00"],
    ]);
    expect(list[1]!.ref).toEqual(body("2026-03-01"));
  });

  it("one series request per chart with all its measurements, the catalog once, no documents", async () => {
    const f = fake();
    await Promise.all(
      [loadWeight, loadBloodPressure, loadHeart, loadSpo2, loadTemperature, loadSleepStages, loadSteps].map(
        (load) => load(f.args),
      ),
    );
    await loadAfibEcg(f.args);
    const series = f.requests.filter((u) => u.pathname.endsWith("/series"));
    expect(
      series.map((u) => [u.searchParams.getAll("measurement").join(","), u.searchParams.get("bucket")]),
    ).toEqual([
      ["weight,body_fat,muscle_mass", "raw"],
      ["systolic_bp,diastolic_bp,measured_heart_rate,pulse", "raw"],
      ["resting_heart_rate,hrv_rmssd", "day"],
      ["spo2", "raw"],
      ["body_temperature", "raw"],
      ["deep_sleep,light_sleep,rem_sleep,awake_duration", "day"],
      ["steps", "day"],
      ["afib_classification,ecg_result,ecg_heart_rate", "raw"],
    ]);
    // As many points as one raw answer may hold (limit × measurements ≤ 100,000; 50,000 at most each).
    expect(series.map((u) => u.searchParams.get("limit"))).toEqual([
      "33333",
      "25000",
      null,
      "50000",
      "50000",
      null,
      null,
      "33333",
    ]);
    expect(series[0]!.searchParams.get("start")).toBe("2026-03-01");
    expect(series[0]!.searchParams.get("end")).toBe("2026-03-03");
    expect(f.requests.filter((u) => u.pathname === "/v1/measurements")).toHaveLength(1);
    expect(f.requests.filter((u) => /\/(body|daily|sleep|activity)$/.test(u.pathname))).toEqual([]);
  });

  it("an empty chart of an opt-in measurement says so; a truncated answer is told", async () => {
    const optIn = CATALOG.map((m) => (m.name === "body_temperature" ? { ...m, default: false } : m));
    const f = fake({ catalog: optIn, truncated: ["spo2"] });
    const quiet = { ...f.args, range: { start: "2025-01-01", end: "2025-01-31" } };
    const t = await loadTemperature(quiet);
    expect([t.x, t.optIn]).toEqual([[], ["Body temperature"]]);
    expect((await loadSpo2(quiet)).optIn).toEqual([]);
    expect((await loadSpo2(f.args)).truncated).toBe(true);
  });

  it("joins raw points by record and time, a repeat with the same repeat; sleep records dated by their time", () => {
    const s = (v: number[], t: string[], key: string[]) => ({
      measurement: "x",
      label: "x",
      unit: "1",
      kind: "point" as const,
      aggregation: "mean" as const,
      truncated: false,
      points: { t, v, key },
    });
    const t1 = "2026-03-01T23:10:00+09:00";
    const joined = readings([s([1, 2, 3], [t1, t1, t1], ["a", "a", "b"]), s([10], [t1], ["a"])]);
    expect(joined.map((r) => [r.key, r.values])).toEqual([
      ["a", [1, 10]],
      ["a", [2, null]],
      ["b", [3, null]],
    ]);
    expect(recordOf("sleep", { key: "summary-1", at: t1 })).toEqual({
      type: "sleep",
      key: "summary-1",
      date: "2026-03-01",
    });
  });

  it("coverage: stored (a day count of the type's measurements), asked and waiting, fetched but missing, never asked", async () => {
    const f = fake();
    const grid = await loadCoverage(f.args);
    expect(grid.days).toEqual(["2026-03-01", "2026-03-02", "2026-03-03"]);
    const row = (t: string) => grid.rows.find((r) => r.type === t)!.cells;
    expect(row("daily")).toEqual(["stored", "stored", "stored"]);
    expect(row("sleep")).toEqual(["stored", "waiting", "waiting"]);
    expect(row("body")).toEqual(["stored", "missing", "stored"]);
    expect(row("activity")).toEqual(["unknown", "unknown", "unknown"]);
    const counts = f.requests.filter((u) => u.pathname.endsWith("/series"));
    expect(counts.map((u) => u.searchParams.get("bucket"))).toEqual(["day"]);
    expect(counts[0]!.searchParams.getAll("measurement")).toHaveLength(12);
  });
});
