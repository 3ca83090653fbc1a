// Weight, body fat and muscle mass: one point per weigh-in (the raw points of the three, joined by
// their body record and time). The catalog keeps muscle in grams; the chart shows kilograms.
import { readings, readSeries, recordOf } from "./series.ts";
import { type ChartData, type LoadArgs, toChartData } from "./types.ts";

export const WEIGHT_SERIES = [
  { label: "Weight", unit: "kg" },
  { label: "Body fat", unit: "%" },
  { label: "Muscle", unit: "kg" },
];

export async function loadWeight(args: LoadArgs): Promise<ChartData> {
  const read = await readSeries(args, ["weight", "body_fat", "muscle_mass"], "raw");
  const points = readings(read.series).map((r) => {
    const [weight, fat, muscleG] = r.values;
    return {
      t: r.t,
      values: [weight ?? null, fat ?? null, muscleG == null ? null : muscleG / 1000],
      ref: [recordOf(read.models[0]!, r)],
    };
  });
  return toChartData(points, WEIGHT_SERIES, read);
}
