import { describe, expect, it } from "vitest";
import { extractColumns } from "./extract.ts";
import { bodyDoc } from "./fixtures.ts";

describe("extractColumns", () => {
  it("keeps activity type 0 (in vehicle) and computes duration across offsets", () => {
    const doc = {
      metadata: {
        type: 0,
        summary_id: "a1",
        start_time: "2026-03-01T23:30:00.000000+01:00",
        end_time: "2026-03-02T00:15:00.000000+01:00",
      },
    };
    expect(extractColumns("activity", doc)).toEqual({ activity_type: 0, duration_seconds: 2_700 });
  });

  it("prefers Body day averages over samples and takes the latest sample otherwise", () => {
    const doc = bodyDoc("2026-03-01", { weightKg: 70 });
    expect(extractColumns("body", doc)).toMatchObject({
      weight_kg: 70.2,
      systolic_bp: 120,
      afib_positive_count: 1,
    });
    const averaged = {
      ...doc,
      measurements_data: { ...doc.measurements_data, day_avg_weight_kg: 69.9 },
      blood_pressure_data: { ...doc.blood_pressure_data, day_avg_systolic_bp: 117, day_avg_diastolic_bp: 74 },
    };
    expect(extractColumns("body", averaged)).toMatchObject({
      weight_kg: 69.9,
      systolic_bp: 117,
      diastolic_bp: 74,
    });
  });

  it("leaves columns null when the document lacks the values, and AFib null without classifications", () => {
    expect(extractColumns("body", { metadata: { start_time: "2026-03-01T00:00:00+00:00" } })).toEqual({
      weight_kg: null,
      bodyfat_percentage: null,
      systolic_bp: null,
      diastolic_bp: null,
      afib_positive_count: null,
    });
    expect(extractColumns("daily", { metadata: {}, distance_data: { steps: "12" } })).toMatchObject({
      steps: null,
    });
  });
});
