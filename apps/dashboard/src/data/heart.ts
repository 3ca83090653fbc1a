// Resting heart rate and HRV (RMSSD) per day: day buckets of resting_heart_rate (the Daily record)
// and hrv_rmssd (the night's Sleep record, dated by the day the night began).
import { dayStart } from "../range.ts";
import { dayValues, readSeries } from "./series.ts";
import { type ChartData, type LoadArgs, type Point, toChartData } from "./types.ts";

export const HEART_SERIES = [
  { label: "Resting heart rate", unit: "bpm" },
  { label: "HRV (RMSSD)", unit: "ms" },
];

export async function loadHeart(args: LoadArgs): Promise<ChartData> {
  const read = await readSeries(args, ["resting_heart_rate", "hrv_rmssd"], "day");
  const points: Point[] = [...dayValues(read.series)].map(([date, values]) => ({
    t: dayStart(date),
    values,
    // The records of the series that have a value that day.
    ref: read.models.filter((_, i) => values[i] !== null).map((type) => ({ type, date })),
  }));
  return toChartData(points, HEART_SERIES, read);
}
