// Daily steps: day buckets of steps (one Daily record a day; days without steps have no bucket).
import { dayStart } from "../range.ts";
import { dayValues, readSeries } from "./series.ts";
import { type ChartData, type LoadArgs, type Point, toChartData } from "./types.ts";

export const STEPS_SERIES = [{ label: "Steps", unit: "steps" }];

export async function loadSteps(args: LoadArgs): Promise<ChartData> {
  const read = await readSeries(args, ["steps"], "day");
  const points: Point[] = [...dayValues(read.series)].map(([date, values]) => ({
    t: dayStart(date),
    values,
    ref: [{ type: read.models[0]!, date }],
  }));
  return toChartData(points, STEPS_SERIES, read);
}
