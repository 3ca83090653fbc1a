// A chart of one measurement's raw points, each at its time as written (SpO2, temperature).
import { type MeasurementName, readings, readSeries, recordOf } from "./series.ts";
import { type ChartData, type LoadArgs, toChartData } from "./types.ts";

export async function pointChart(
  args: LoadArgs,
  name: MeasurementName,
  series: { label: string; unit: string },
): Promise<ChartData> {
  const read = await readSeries(args, [name], "raw");
  const points = readings(read.series).map((r) => ({
    t: r.t,
    values: r.values,
    ref: [recordOf(read.models[0]!, r)],
  }));
  return toChartData(points, [series], read);
}
