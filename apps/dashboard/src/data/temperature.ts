// Body temperature, one point per reading (body.temperature_data.body_temperature_samples[]).
// Later: GET /v1/users/{id}/series?measurement=body_temperature.
import { wallClock } from "../range.ts";
import { loadRecords } from "./records.ts";
import { type ChartData, type LoadArgs, num, type Point, toChartData } from "./types.ts";

export const TEMPERATURE_SERIES = [{ label: "Body temperature", unit: "°C" }];

export async function loadTemperature(args: LoadArgs): Promise<ChartData> {
  const points: Point[] = [];
  for (const r of await loadRecords(args, "body")) {
    if (!r.date) continue;
    for (const s of r.document.temperature_data?.body_temperature_samples ?? []) {
      const t = wallClock(s.timestamp);
      const v = num(s.temperature_celsius);
      if (t !== null && v !== null) points.push({ t, values: [v], ref: { type: "body", date: r.date } });
    }
  }
  return toChartData(points, TEMPERATURE_SERIES);
}
