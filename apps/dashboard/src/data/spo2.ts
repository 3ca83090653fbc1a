// Blood oxygen saturation, one point per reading (body.oxygen_data.saturation_samples[]).
// Later: GET /v1/users/{id}/series?measurement=spo2.
import { loadBodySamples } from "./body-samples.ts";
import type { ChartData, LoadArgs } from "./types.ts";

export const SPO2_SERIES = { label: "SpO2", unit: "%" };

export function loadSpo2(args: LoadArgs): Promise<ChartData> {
  return loadBodySamples(args, SPO2_SERIES, (doc) =>
    (doc.oxygen_data?.saturation_samples ?? []).map((s) => ({ timestamp: s.timestamp, value: s.percentage })),
  );
}
