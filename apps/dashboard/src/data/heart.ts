// Resting heart rate and HRV (RMSSD) per day, from the Daily documents' heart_rate_data.summary.
// Later: GET /v1/users/{id}/series?measurement=resting_hr&measurement=hrv_rmssd&bucket=day.
import { dayStart } from "../range.ts";
import { loadRecords } from "./records.ts";
import { type ChartData, type LoadArgs, num, type Point, toChartData } from "./types.ts";

export const HEART_SERIES = [
  { label: "Resting heart rate", unit: "bpm" },
  { label: "HRV (RMSSD)", unit: "ms" },
];

export async function loadHeart(args: LoadArgs): Promise<ChartData> {
  const points: Point[] = [];
  for (const r of await loadRecords(args, "daily")) {
    if (!r.date) continue;
    const s = r.document.heart_rate_data?.summary;
    const values = [num(s?.resting_hr_bpm), num(s?.avg_hrv_rmssd)];
    if (values.some((v) => v !== null))
      points.push({ t: dayStart(r.date), values, ref: { type: "daily", date: r.date } });
  }
  return toChartData(points, HEART_SERIES);
}
