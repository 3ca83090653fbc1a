// Blood pressure: one point per cuff reading (the raw points of systolic_bp and diastolic_bp, joined
// by record and time). Terra's samples carry no pulse: it is the heart rate taken at the same
// instant (measured_heart_rate) when the record has one, else the day's (pulse: the mean heart rate
// of that body record).
import { readings, readSeries, recordOf } from "./series.ts";
import { type ChartData, type LoadArgs, toChartData } from "./types.ts";

export const BLOOD_PRESSURE_SERIES = [
  { label: "Systolic", unit: "mmHg" },
  { label: "Diastolic", unit: "mmHg" },
  { label: "Pulse", unit: "bpm" },
];

export async function loadBloodPressure(args: LoadArgs): Promise<ChartData> {
  const read = await readSeries(args, ["systolic_bp", "diastolic_bp", "measured_heart_rate", "pulse"], "raw");
  const [systolic, diastolic, atReading, ofDay] = read.series;
  const sampled = new Map(readings([atReading]).map((r) => [`${r.key}\u0000${r.at}`, r.values[0]]));
  const dayPulse = new Map(readings([ofDay]).map((r) => [r.key, r.values[0]]));
  const points = readings([systolic, diastolic]).map((r) => ({
    t: r.t,
    values: [...r.values, sampled.get(`${r.key}\u0000${r.at}`) ?? dayPulse.get(r.key) ?? null],
    ref: [recordOf(read.models[0]!, r)],
  }));
  return toChartData(points, BLOOD_PRESSURE_SERIES, read);
}
