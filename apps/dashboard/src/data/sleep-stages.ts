// Sleep stages per night, in hours: day buckets of deep, light, REM and awake time. The catalog
// dates a night by the local day its start time is written with and sums a day's sessions (two
// sessions begun the same evening add up); naps give no nightly values.
import { dayStart } from "../range.ts";
import { dayValues, readSeries } from "./series.ts";
import { type ChartData, type LoadArgs, type Point, toChartData } from "./types.ts";

export const SLEEP_SERIES = [
  { label: "Deep", unit: "h" },
  { label: "Light", unit: "h" },
  { label: "REM", unit: "h" },
  { label: "Awake", unit: "h" },
];

const hours = (s: number | null) => (s === null ? null : Math.round((s / 3600) * 100) / 100);

export async function loadSleepStages(args: LoadArgs): Promise<ChartData> {
  const read = await readSeries(args, ["deep_sleep", "light_sleep", "rem_sleep", "awake_duration"], "day");
  const points: Point[] = [...dayValues(read.series)].map(([date, secs]) => ({
    t: dayStart(date),
    values: secs.map(hours),
    ref: [{ type: read.models[0]!, date }],
  }));
  return toChartData(points, SLEEP_SERIES, read);
}
