import {
  ALL_MEASUREMENTS,
  extractMeasurements,
  MEASUREMENT_CATALOG,
  measurementByCode,
} from "@wearables/schemas";
import { describe, expect, it } from "vitest";
import { createGenerator, type SandboxDataType } from "./index.ts";

// What the dashboard charts (issue 15) and the demo shows, by catalog name: the sandbox's synthetic
// Withings users must give each of them data, or a chart is empty in every demo and test.
const CHARTED = [
  "weight",
  "body_fat",
  "muscle_mass",
  "systolic_bp",
  "diastolic_bp",
  "pulse",
  "resting_heart_rate",
  "hrv_rmssd",
  "spo2",
  "body_temperature",
  "sleep_duration",
  "deep_sleep",
  "light_sleep",
  "rem_sleep",
  "awake_duration",
  "steps",
  "afib_classification",
  "ecg_result",
];

const NOW = Date.parse("2026-11-25T07:00:00Z");
const TYPES: SandboxDataType[] = ["activity", "body", "daily", "sleep"];

/** Catalog names found in 60 days of the `index`-th person of `seed` (with samples when asked). */
function measured(seed: string, index: number, withSamples: boolean): Set<string> {
  const gen = createGenerator({ seed, now: () => NOW });
  const names = new Set<string>();
  for (const type of TYPES) {
    for (const doc of gen.records(index, type, "2026-09-25", "2026-11-24", { withSamples })) {
      for (const p of extractMeasurements(type, doc, ALL_MEASUREMENTS))
        names.add(measurementByCode(p.code)!.name);
    }
  }
  return names;
}

describe("the synthetic Withings users and the measurement catalog", { timeout: 60_000 }, () => {
  it("give the demo's users (seed demo, three users) data for every charted measurement", () => {
    const all = new Set([0, 1, 2].flatMap((i) => [...measured("demo", i, false)]));
    for (const name of CHARTED) expect(all.has(name), name).toBe(true);
    // The third demo user owns every device: one user page shows every chart.
    const one = measured("demo", 2, false);
    expect(CHARTED.filter((n) => !one.has(n))).toEqual([]);
  });

  it("give every measurement of the catalog somewhere in twelve users, samples included", () => {
    const all = new Set(Array.from({ length: 12 }, (_, i) => [...measured("catalog", i, true)]).flat());
    // No synthetic device writes skin temperature or RR intervals (nothing charts them); every
    // other measurement must come out of some user's data.
    const missing = MEASUREMENT_CATALOG.map((m) => m.name).filter((n) => !all.has(n));
    expect(missing.sort()).toEqual(["rr_interval", "skin_temperature"]);
  });
});
