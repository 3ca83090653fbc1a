// What the browser tests read off the charts, and what the API says they should show, worked out
// here from the documents and the summary independently of the dashboard's data modules.
import { type AdminClient, unwrap } from "@wearables/admin-client";
import type { Page } from "playwright-core";

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

// biome-ignore lint/suspicious/noExplicitAny: Terra documents, read field by field as the API returns them
type Doc = any;
export const sorted = (v: (number | null | undefined)[]) =>
  v.filter((x): x is number => typeof x === "number").sort((a, b) => a - b);
const round2 = (v: number) => Math.round(v * 100) / 100;

/** Per chart id, each series' values sorted; and the body documents (for the coverage checks). */
export async function expectedCharts(
  api: AdminClient,
  user: string,
  range: { start_date: string; end_date: string },
): Promise<{ expected: Record<string, number[][]>; body: Doc[] }> {
  const docs = async (type: "body" | "daily" | "sleep") =>
    (
      await unwrap(
        api.GET("/v1/users/{id}/{type}", {
          params: { path: { id: user, type }, query: { ...range, limit: 500 } },
        }),
      )
    ).data.map((r) => r.document as Doc);
  const [body, daily, sleep] = await Promise.all([docs("body"), docs("daily"), docs("sleep")]);
  const summary = await unwrap(
    api.GET("/v1/users/{id}/summary", { params: { path: { id: user }, query: range } }),
  );
  const m = body.flatMap((d) => d.measurements_data?.measurements ?? []) as Record<string, number>[];
  const bp = body.flatMap((d) => d.blood_pressure_data?.blood_pressure_samples ?? []) as Record<
    string,
    number
  >[];
  const hr = daily.map(
    (d) => (d.heart_rate_data as { summary?: Record<string, number> } | undefined)?.summary,
  );
  const nights = sleep.filter((d) => (d.metadata as { is_nap?: boolean }).is_nap !== true);
  const expected: Record<string, number[][]> = {
    weight: [
      sorted(m.map((x) => x.weight_kg)),
      sorted(m.map((x) => x.bodyfat_percentage)),
      sorted(m.map((x) => (x.muscle_mass_g ?? 0) / 1000)),
    ],
    "blood-pressure": [sorted(bp.map((x) => x.systolic_bp)), sorted(bp.map((x) => x.diastolic_bp))],
    heart: [sorted(hr.map((s) => s?.resting_hr_bpm)), sorted(hr.map((s) => s?.avg_hrv_rmssd))],
    spo2: [
      sorted(
        body
          .flatMap((d) => (d.oxygen_data?.saturation_samples ?? []) as { percentage: number }[])
          .map((s) => s.percentage),
      ),
    ],
    temperature: [
      sorted(
        body
          .flatMap(
            (d) => (d.temperature_data?.body_temperature_samples ?? []) as { temperature_celsius: number }[],
          )
          .map((s) => s.temperature_celsius),
      ),
    ],
    sleep: [
      sorted(
        nights.map((d) =>
          round2(
            (d.sleep_durations_data as { asleep: { duration_deep_sleep_state_seconds: number } }).asleep
              .duration_deep_sleep_state_seconds / 3600,
          ),
        ),
      ),
    ],
    steps: [sorted(summary.data.map((d) => d.steps))],
  };
  return { expected, body };
}
