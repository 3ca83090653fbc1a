// Daily steps, from the per-day summary (GET /v1/users/{id}/summary, which reads the Daily records).
// Later: GET /v1/users/{id}/series?measurement=steps&bucket=day.
import { unwrap } from "@wearables/admin-client";
import { dayStart } from "../range.ts";
import { type ChartData, type LoadArgs, type Point, toChartData } from "./types.ts";

export const STEPS_SERIES = [{ label: "Steps", unit: "steps" }];

export async function loadSteps(args: LoadArgs): Promise<ChartData> {
  const summary = await unwrap(
    args.client.GET("/v1/users/{id}/summary", {
      params: {
        path: { id: args.userId },
        query: { start_date: args.range.start, end_date: args.range.end },
      },
    }),
  );
  const points: Point[] = summary.data
    .filter((d) => d.steps !== null)
    .map((d) => ({ t: dayStart(d.date), values: [d.steps], ref: { type: "daily", date: d.date } }));
  return toChartData(points, STEPS_SERIES);
}
