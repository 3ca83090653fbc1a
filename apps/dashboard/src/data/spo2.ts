// Blood oxygen saturation, one point per reading (body.oxygen_data.saturation_samples[]).
// Later: GET /v1/users/{id}/series?measurement=spo2.
import { wallClock } from "../range.ts";
import { loadRecords } from "./records.ts";
import { type ChartData, type LoadArgs, num, type Point, toChartData } from "./types.ts";

export const SPO2_SERIES = [{ label: "SpO2", unit: "%" }];

export async function loadSpo2(args: LoadArgs): Promise<ChartData> {
  const points: Point[] = [];
  for (const r of await loadRecords(args, "body")) {
    if (!r.date) continue;
    for (const s of r.document.oxygen_data?.saturation_samples ?? []) {
      const t = wallClock(s.timestamp);
      const v = num(s.percentage);
      if (t !== null && v !== null) points.push({ t, values: [v], ref: { type: "body", date: r.date } });
    }
  }
  return toChartData(points, SPO2_SERIES);
}
