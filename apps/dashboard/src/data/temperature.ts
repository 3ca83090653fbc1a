// Body temperature, one point per reading (the raw points of body_temperature).
import { pointChart } from "./point-chart.ts";
import type { ChartData, LoadArgs } from "./types.ts";

export const TEMPERATURE_SERIES = { label: "Body temperature", unit: "°C" };

export function loadTemperature(args: LoadArgs): Promise<ChartData> {
  return pointChart(args, "body_temperature", TEMPERATURE_SERIES);
}
