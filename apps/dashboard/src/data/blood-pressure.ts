// Blood pressure: one point per cuff reading (body.blood_pressure_data.blood_pressure_samples[]).
// Terra's samples carry no pulse: it is the heart-rate sample taken at the same instant when the
// document has one, else the day's average heart rate of that body document.
// Later: GET /v1/users/{id}/series?measurement=systolic&measurement=diastolic&measurement=pulse.
import { wallClock } from "../range.ts";
import { loadRecords } from "./records.ts";
import { type ChartData, type LoadArgs, num, type Point, toChartData } from "./types.ts";

export const BLOOD_PRESSURE_SERIES = [
  { label: "Systolic", unit: "mmHg" },
  { label: "Diastolic", unit: "mmHg" },
  { label: "Pulse", unit: "bpm" },
];

export async function loadBloodPressure(args: LoadArgs): Promise<ChartData> {
  const points: Point[] = [];
  for (const r of await loadRecords(args, "body")) {
    if (!r.date) continue;
    const hr = r.document.heart_data?.heart_rate_data;
    const pulseAt = new Map<string, number>();
    for (const s of hr?.detailed?.hr_samples ?? []) {
      const bpm = num(s.bpm);
      if (s.timestamp && bpm !== null) pulseAt.set(s.timestamp, bpm);
    }
    const dayPulse = num(hr?.summary?.avg_hr_bpm);
    for (const s of r.document.blood_pressure_data?.blood_pressure_samples ?? []) {
      const t = wallClock(s.timestamp);
      if (t === null) continue;
      const pulse = (s.timestamp ? pulseAt.get(s.timestamp) : undefined) ?? dayPulse;
      points.push({
        t,
        values: [num(s.systolic_bp), num(s.diastolic_bp), pulse],
        ref: { type: "body", date: r.date },
      });
    }
  }
  return toChartData(points, BLOOD_PRESSURE_SERIES);
}
