import { createAdminClient } from "@wearables/admin-client";
import { beforeEach, describe, expect, it } from "vitest";
import { dayStart, wallClock } from "../range.ts";
import { loadAfibEcg } from "./afib-ecg.ts";
import { loadBloodPressure } from "./blood-pressure.ts";
import { loadCoverage } from "./coverage.ts";
import { loadHeart } from "./heart.ts";
import { forgetRecords } from "./records.ts";
import { loadSleepStages } from "./sleep-stages.ts";
import { loadSpo2 } from "./spo2.ts";
import { loadSteps } from "./steps.ts";
import { loadTemperature } from "./temperature.ts";
import { loadWeight } from "./weight.ts";

const day = (d: string, extra: Record<string, unknown>) => ({
  metadata: { start_time: `${d}T00:00:00.000000+09:00`, end_time: `${d}T23:59:59+09:00` },
  ...extra,
});
const RECORDS: Record<string, Record<string, unknown>[]> = {
  body: [
    day("2026-03-01", {
      measurements_data: {
        measurements: [
          {
            measurement_time: "2026-03-01T07:10:00+09:00",
            weight_kg: 70.2,
            bodyfat_percentage: 21.5,
            muscle_mass_g: 52300,
          },
        ],
      },
      blood_pressure_data: {
        blood_pressure_samples: [
          { timestamp: "2026-03-01T08:00:00+09:00", systolic_bp: 131, diastolic_bp: 84 },
          { timestamp: "2026-03-01T20:00:00+09:00", systolic_bp: 125, diastolic_bp: 80 },
        ],
      },
      heart_data: {
        heart_rate_data: {
          summary: { avg_hr_bpm: 71 },
          detailed: { hr_samples: [{ timestamp: "2026-03-01T08:00:00+09:00", bpm: 77 }] },
        },
        afib_classification_samples: [{ timestamp: "2026-03-01T09:00:00+09:00", afib_classification: 0 }],
        ecg_signal: [
          { start_timestamp: "2026-03-01T09:00:00+09:00", avg_hr_bpm: 74, afib_classification: 1 },
        ],
      },
      oxygen_data: { saturation_samples: [{ timestamp: "2026-03-01T03:00:00+09:00", percentage: 96 }] },
      temperature_data: {
        body_temperature_samples: [{ timestamp: "2026-03-01T07:30:00+09:00", temperature_celsius: 36.7 }],
      },
    }),
    day("2026-03-03", {
      measurements_data: {
        measurements: [{ measurement_time: "2026-03-03T07:00:00+09:00", weight_kg: 69.9 }],
      },
    }),
  ],
  daily: [
    day("2026-03-01", { heart_rate_data: { summary: { resting_hr_bpm: 58, avg_hrv_rmssd: 41.5 } } }),
    day("2026-03-02", { heart_rate_data: { summary: { resting_hr_bpm: 60 } } }),
    day("2026-03-03", { distance_data: { steps: 9000 } }),
  ],
  sleep: [
    {
      metadata: { start_time: "2026-03-01T23:00:00+09:00", is_nap: false },
      sleep_durations_data: {
        asleep: {
          duration_deep_sleep_state_seconds: 3600,
          duration_light_sleep_state_seconds: 14400,
          duration_REM_sleep_state_seconds: 5400,
        },
        awake: { duration_awake_state_seconds: 1800 },
      },
    },
    {
      metadata: { start_time: "2026-03-01T14:00:00+09:00", is_nap: true },
      sleep_durations_data: { asleep: { duration_light_sleep_state_seconds: 1200 } },
    },
  ],
  activity: [],
};

const requests: URL[] = [];
/** The admin API's answers for these records: two records a page, so every module must follow cursors. */
function fakeApi(req: Request): Promise<Response> {
  const url = new URL(req.url);
  requests.push(url);
  const json = (b: unknown) =>
    Promise.resolve(new Response(JSON.stringify(b), { headers: { "content-type": "application/json" } }));
  const m = /^\/v1\/users\/u-1\/(body|daily|sleep|activity)$/.exec(url.pathname);
  if (m) {
    const all = RECORDS[m[1]!]!.map((document) => ({
      date: String((document.metadata as { start_time: string }).start_time).slice(0, 10),
      key: "k",
      received_at: "2026-03-04T00:00:00Z",
      source: "webhook",
      document,
    }));
    const from = Number(url.searchParams.get("cursor") ?? 0);
    return json({
      data: all.slice(from, from + 2),
      next_cursor: from + 2 < all.length ? String(from + 2) : null,
    });
  }
  if (url.pathname === "/v1/users/u-1/summary") {
    return json({
      user_id: "u-1",
      start_date: "2026-03-01",
      end_date: "2026-03-03",
      data: [
        { date: "2026-03-02", steps: null },
        { date: "2026-03-03", steps: 9000 },
      ],
    });
  }
  if (url.pathname === "/v1/users/u-1") {
    return json({
      user_id: "u-1",
      coverage: [
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
}

const args = {
  client: createAdminClient({ baseUrl: "http://admin.test", token: "t", fetch: fakeApi }),
  userId: "u-1",
  range: { start: "2026-03-01", end: "2026-03-03" },
};
beforeEach(() => {
  forgetRecords();
  requests.length = 0;
});

describe("the charts' data modules", () => {
  it("weight: one point per weigh-in, muscle in kg, at the time as written", async () => {
    const w = await loadWeight(args);
    expect(w.x).toEqual([wallClock("2026-03-01T07:10:00"), wallClock("2026-03-03T07:00:00")]);
    expect(w.series.map((s) => s.values)).toEqual([
      [70.2, 69.9],
      [21.5, null],
      [52.3, null],
    ]);
    expect(w.refs).toEqual([
      { type: "body", date: "2026-03-01" },
      { type: "body", date: "2026-03-03" },
    ]);
  });

  it("blood pressure: the pulse sampled at the reading, else the day's average", async () => {
    const bp = await loadBloodPressure(args);
    expect(bp.series.map((s) => s.values)).toEqual([
      [131, 125],
      [84, 80],
      [77, 71],
    ]);
  });

  it("heart, SpO2 and temperature read their fields and keep absent ones null", async () => {
    const h = await loadHeart(args);
    expect(h.x).toEqual([dayStart("2026-03-01"), dayStart("2026-03-02")]);
    expect(h.series.map((s) => s.values)).toEqual([
      [58, 60],
      [41.5, null],
    ]);
    expect((await loadSpo2(args)).series[0]!.values).toEqual([96]);
    expect((await loadTemperature(args)).series[0]!.values).toEqual([36.7]);
  });

  it("sleep stages in hours per night, naps left out", async () => {
    const s = await loadSleepStages(args);
    expect(s.x).toEqual([dayStart("2026-03-01")]);
    expect(s.series.map((x) => x.values[0])).toEqual([1, 4, 1.5, 0.5]);
  });

  it("steps from the summary, days without steps left out", async () => {
    const s = await loadSteps(args);
    expect(s.x).toEqual([dayStart("2026-03-03")]);
    expect(s.series[0]!.values).toEqual([9000]);
    expect(s.refs).toEqual([{ type: "daily", date: "2026-03-03" }]);
  });

  it("AFib and ECG results, a 0 classification read as negative", async () => {
    const list = await loadAfibEcg(args);
    expect(list.map((r) => [r.kind, r.result, r.avgHrBpm])).toEqual([
      ["AFib classification", "negative", null],
      ["ECG", "positive", 74],
    ]);
  });

  it("reads each type's documents once for every chart that needs them, following every cursor", async () => {
    await Promise.all([loadWeight(args), loadBloodPressure(args), loadSpo2(args), loadAfibEcg(args)]);
    const body = requests.filter((u) => u.pathname.endsWith("/body"));
    expect(body.map((u) => u.searchParams.get("cursor"))).toEqual([null]);
    await loadHeart(args);
    const daily = requests.filter((u) => u.pathname.endsWith("/daily"));
    expect(daily.map((u) => u.searchParams.get("cursor"))).toEqual([null, "2"]);
    expect(daily[0]!.searchParams.get("start_date")).toBe("2026-03-01");
  });

  it("coverage: stored, asked and waiting (a live job), fetched but missing, never asked", async () => {
    const grid = await loadCoverage(args);
    expect(grid.days).toEqual(["2026-03-01", "2026-03-02", "2026-03-03"]);
    const row = (t: string) => grid.rows.find((r) => r.type === t)!.cells;
    expect(row("daily")).toEqual(["stored", "stored", "stored"]);
    expect(row("sleep")).toEqual(["stored", "waiting", "waiting"]);
    expect(row("body")).toEqual(["stored", "missing", "stored"]);
    expect(row("activity")).toEqual(["unknown", "unknown", "unknown"]);
  });
});
