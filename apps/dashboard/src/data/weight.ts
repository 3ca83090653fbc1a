// Weight, body fat and muscle mass: one point per weigh-in (body.measurements_data.measurements[]).
// Later: GET /v1/users/{id}/series?measurement=weight&measurement=bodyfat&measurement=muscle_mass.
import { wallClock } from "../range.ts";
import { loadRecords } from "./records.ts";
import { type ChartData, type LoadArgs, num, type Point, toChartData } from "./types.ts";

export const WEIGHT_SERIES = [
  { label: "Weight", unit: "kg" },
  { label: "Body fat", unit: "%" },
  { label: "Muscle", unit: "kg" },
];

export async function loadWeight(args: LoadArgs): Promise<ChartData> {
  const points: Point[] = [];
  for (const r of await loadRecords(args, "body")) {
    if (!r.date) continue;
    for (const m of r.document.measurements_data?.measurements ?? []) {
      const t = wallClock(m.measurement_time);
      const muscle = num(m.muscle_mass_g);
      const values = [num(m.weight_kg), num(m.bodyfat_percentage), muscle === null ? null : muscle / 1000];
      if (t !== null && values.some((v) => v !== null))
        points.push({ t, values, ref: { type: "body", date: r.date } });
    }
  }
  return toChartData(points, WEIGHT_SERIES);
}
