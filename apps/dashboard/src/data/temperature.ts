// Body temperature, one point per reading (body.temperature_data.body_temperature_samples[]).
// Later: GET /v1/users/{id}/series?measurement=body_temperature.
import { loadBodySamples } from "./body-samples.ts";
import type { ChartData, LoadArgs } from "./types.ts";

export const TEMPERATURE_SERIES = { label: "Body temperature", unit: "°C" };

export function loadTemperature(args: LoadArgs): Promise<ChartData> {
  return loadBodySamples(args, TEMPERATURE_SERIES, (doc) =>
    (doc.temperature_data?.body_temperature_samples ?? []).map((s) => ({
      timestamp: s.timestamp,
      value: s.temperature_celsius,
    })),
  );
}
