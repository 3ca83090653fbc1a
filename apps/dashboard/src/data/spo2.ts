// Blood oxygen saturation, one point per reading (the raw points of spo2).
import { pointChart } from "./point-chart.ts";
import type { ChartData, LoadArgs } from "./types.ts";

export const SPO2_SERIES = { label: "SpO2", unit: "%" };

export function loadSpo2(args: LoadArgs): Promise<ChartData> {
  return pointChart(args, "spo2", SPO2_SERIES);
}
