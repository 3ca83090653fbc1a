// What the browser tests read off the charts, and what the series API says they should show,
// worked out here from GET /v1/users/{id}/series independently of the dashboard's data modules.
import { type AdminClient, type Schemas, unwrap } from "@wearables/admin-client";
import type { Page } from "playwright-core";
import type { MeasurementName } from "../src/data/series.ts";
import { dayStart } from "../src/range.ts";

export interface Drawn {
  x: number[];
  series: { label: string; values: (number | null)[] }[];
  aligned: (number | null)[][];
  painted: number;
}

/** What a chart was given and what uPlot holds and painted (non-transparent pixels of its canvas). */
export async function chart(page: Page, id: string): Promise<Drawn> {
  const sel = `[data-chart="${id}"]`;
  await page.waitForFunction((s) => (document.querySelector(s) as { uplot?: unknown } | null)?.uplot, sel, {
    timeout: 60_000,
  });
  return page.$eval(sel, (el) => {
    const e = el as unknown as {
      uplot: { data: (number | null)[][]; ctx: CanvasRenderingContext2D; width: number; height: number };
      chartData: Drawn;
    };
    const { ctx } = e.uplot;
    const px = ctx.getImageData(0, 0, ctx.canvas.width, ctx.canvas.height).data;
    let painted = 0;
    for (let i = 3; i < px.length; i += 4) if (px[i]! > 0) painted++;
    return {
      x: e.chartData.x,
      series: e.chartData.series,
      aligned: e.uplot.data.map((c) => [...c]),
      painted,
    };
  });
}

export const sorted = (v: readonly (number | null | undefined)[]) =>
  v.filter((x): x is number => typeof x === "number").sort((a, b) => a - b);
const round2 = (v: number) => Math.round(v * 100) / 100;

export interface Expected {
  /** Each series' values, sorted. */
  values: number[][];
  /** How many points the chart has. */
  points: number;
  /** Day charts: the x of each day, on the viewer's clock. */
  x?: number[];
}

type Series = Schemas["Series"];
// A series the API did not answer is empty here, and the "has data to draw" check fails.
const pointsOf = (s?: Series) => s?.points ?? { t: [], v: [], key: [] };
const valuesOf = (s?: Series) => s?.buckets?.value ?? [];
/**
 * Readings of several measurements taken together: per (record, time), as many as the series that
 * repeats it most (two cuff readings written at one instant are two readings).
 */
function readingCount(...series: (Series | undefined)[]): number {
  const most = new Map<string, number>();
  for (const s of series) {
    const p = pointsOf(s);
    const here = new Map<string, number>();
    p.t.forEach((t, i) => {
      const id = `${p.key[i]}|${t}`;
      here.set(id, (here.get(id) ?? 0) + 1);
    });
    for (const [id, n] of here) most.set(id, Math.max(most.get(id) ?? 0, n));
  }
  return [...most.values()].reduce((a, b) => a + b, 0);
}
const daysOf = (...series: (Series | undefined)[]) =>
  [...new Set(series.flatMap((s) => s?.buckets?.start ?? []))].sort().map(dayStart);

/**
 * Per chart id, what it must draw by the series API over the range; and the API's AFib and ECG
 * readings (the list's rows).
 */
export async function expectedCharts(
  api: AdminClient,
  user: string,
  range: { start: string; end: string },
): Promise<{ expected: Record<string, Expected>; heartReadings: number }> {
  const read = async (bucket: "raw" | "day", ...measurement: MeasurementName[]) => {
    const answer = await unwrap(
      api.GET("/v1/users/{id}/series", {
        params: { path: { id: user }, query: { measurement, ...range, bucket } },
      }),
    );
    if (answer.series.some((s) => s.truncated)) throw new Error(`${measurement.join(",")} truncated`);
    return answer.series;
  };
  const [weight, fat, muscle] = await read("raw", "weight", "body_fat", "muscle_mass");
  const [systolic, diastolic, hrAtReading, dayPulse] = await read(
    "raw",
    "systolic_bp",
    "diastolic_bp",
    "measured_heart_rate",
    "pulse",
  );
  const [restingHr, hrv] = await read("day", "resting_heart_rate", "hrv_rmssd");
  const [spo2] = await read("raw", "spo2");
  const [temperature] = await read("raw", "body_temperature");
  const stages = await read("day", "deep_sleep", "light_sleep", "rem_sleep", "awake_duration");
  const [steps] = await read("day", "steps");
  const [afib, ecg, ecgHr] = await read("raw", "afib_classification", "ecg_result", "ecg_heart_rate");

  // A cuff reading's pulse: the heart rate taken at its record and time, else its record's day's.
  const hr = pointsOf(hrAtReading);
  const day = pointsOf(dayPulse);
  const bp = pointsOf(systolic);
  const pulses = bp.t.map((t, i) => {
    const key = bp.key[i];
    const j = hr.t.findIndex((u, k) => u === t && hr.key[k] === key);
    return j >= 0 ? hr.v[j] : day.v[day.key.indexOf(key!)];
  });
  const expected: Record<string, Expected> = {
    weight: {
      values: [
        sorted(pointsOf(weight).v),
        sorted(pointsOf(fat).v),
        sorted(pointsOf(muscle).v.map((g) => g / 1000)),
      ],
      points: readingCount(weight, fat, muscle),
    },
    "blood-pressure": {
      values: [sorted(bp.v), sorted(pointsOf(diastolic).v), sorted(pulses)],
      points: readingCount(systolic, diastolic),
    },
    heart: {
      values: [sorted(valuesOf(restingHr)), sorted(valuesOf(hrv))],
      points: daysOf(restingHr, hrv).length,
      x: daysOf(restingHr, hrv),
    },
    spo2: { values: [sorted(pointsOf(spo2).v)], points: pointsOf(spo2).v.length },
    temperature: { values: [sorted(pointsOf(temperature).v)], points: pointsOf(temperature).v.length },
    sleep: {
      values: stages.map((s) => sorted(valuesOf(s).map((secs) => round2(secs / 3600)))),
      points: daysOf(...stages).length,
      x: daysOf(...stages),
    },
    steps: { values: [sorted(valuesOf(steps))], points: valuesOf(steps).length, x: daysOf(steps) },
  };
  return { expected, heartReadings: pointsOf(afib).v.length + readingCount(ecg, ecgHr) };
}
