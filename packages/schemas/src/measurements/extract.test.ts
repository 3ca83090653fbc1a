import { describe, expect, it } from "vitest";
import { extractMeasurements } from "./extract.ts";
import { measurementByCode } from "./lookup.ts";
import { ALL_MEASUREMENTS, parseMeasurementSelection } from "./select.ts";

const named = (points: { code: number; time: string; value: number }[]) =>
  points.map((p) => [measurementByCode(p.code)?.name, p.time, p.value]);

const T = (h: number) => `2026-03-02T0${h}:10:00.000000+01:00`;

const body = {
  metadata: { start_time: "2026-03-02T00:00:00.000000+01:00", end_time: "2026-03-03T00:00:00.000000+01:00" },
  measurements_data: {
    measurements: [
      { measurement_time: T(7), weight_kg: 72.5, bodyfat_percentage: 21.5, BMI: null },
      { measurement_time: T(8), weight_kg: "73", muscle_mass_g: 51_000 },
      { weight_kg: 74 },
    ],
  },
  blood_pressure_data: { blood_pressure_samples: [{ timestamp: T(9), systolic_bp: 141, diastolic_bp: 92 }] },
  heart_data: {
    afib_classification_samples: [{ timestamp: T(7), afib_classification: 0 }],
    ecg_signal: [
      {
        start_timestamp: T(7),
        afib_classification: 1,
        raw_signal: [{ timestamp: T(7), potential_uV: 12.5 }],
      },
    ],
    heart_rate_data: { summary: { avg_hr_bpm: 66 } },
  },
  oxygen_data: {
    saturation_samples: [
      { timestamp: T(6), percentage: 97, type: 0 },
      { timestamp: T(6), percentage: 64, type: 1 },
      { timestamp: T(5), percentage: 95 },
    ],
  },
};

describe("extractMeasurements", () => {
  it("reads each sample with its own time and the day's summaries at the day's start", () => {
    expect(named(extractMeasurements("body", body))).toEqual([
      ["weight", T(7), 72.5],
      ["body_fat", T(7), 21.5],
      ["muscle_mass", T(8), 51_000],
      ["systolic_bp", T(9), 141],
      ["diastolic_bp", T(9), 92],
      ["pulse", "2026-03-02T00:00:00.000000+01:00", 66],
      ["afib_classification", T(7), 0],
      ["ecg_result", T(7), 1],
      ["spo2", T(6), 97],
      ["spo2", T(5), 95],
    ]);
  });

  it("keeps 0 (AFib negative, activity type 0 in vehicle), skips nulls, strings, NaN and untimed samples", () => {
    const points = named(extractMeasurements("body", body));
    expect(points).toContainEqual(["afib_classification", T(7), 0]);
    expect(points.filter((p) => p[0] === "weight")).toHaveLength(1);
    expect(points.find((p) => p[0] === "bmi")).toBeUndefined();
    const workout = {
      metadata: { start_time: T(6), type: 0 },
      distance_data: { summary: { distance_meters: Number.NaN } },
    };
    expect(named(extractMeasurements("activity", workout))).toEqual([["workout_type", T(6), 0]]);
  });

  it("leaves muscle SmO2 (type 1) out of SpO2", () => {
    const spo2 = extractMeasurements("body", body).filter((p) => measurementByCode(p.code)?.name === "spo2");
    expect(spo2.map((p) => p.value)).toEqual([97, 95]);
  });

  it("reads nested arrays and high-frequency samples only when selected", () => {
    const all = named(extractMeasurements("body", body, ALL_MEASUREMENTS));
    expect(all).toContainEqual(["ecg_voltage", T(7), 12.5]);
    expect(named(extractMeasurements("body", body))).not.toContainEqual(["ecg_voltage", T(7), 12.5]);
    const only = parseMeasurementSelection("systolic_bp");
    expect(named(extractMeasurements("body", body, only))).toEqual([["systolic_bp", T(9), 141]]);
  });

  it("gives a night its values at its start, none for a nap, and reads a fractional efficiency as percent", () => {
    const night = {
      metadata: {
        start_time: "2026-03-01T23:10:00+01:00",
        end_time: "2026-03-02T07:00:00+01:00",
        is_nap: false,
      },
      sleep_durations_data: {
        asleep: { duration_asleep_state_seconds: 25_000, duration_deep_sleep_state_seconds: 5_000 },
        sleep_efficiency: 0.91,
        hypnogram_samples: [{ timestamp: "2026-03-01T23:10:00+01:00", level: 1 }],
      },
      heart_rate_data: { summary: { avg_hrv_rmssd: 41 } },
    };
    const points = named(extractMeasurements("sleep", night, ALL_MEASUREMENTS));
    expect(points).toEqual(
      expect.arrayContaining([
        ["sleep_duration", "2026-03-01T23:10:00+01:00", 25_000],
        ["deep_sleep", "2026-03-01T23:10:00+01:00", 5_000],
        ["sleep_efficiency", "2026-03-01T23:10:00+01:00", 91],
        ["hrv_rmssd", "2026-03-01T23:10:00+01:00", 41],
        ["hypnogram", "2026-03-01T23:10:00+01:00", 1],
      ]),
    );
    const nap = { ...night, metadata: { ...night.metadata, is_nap: true } };
    expect(named(extractMeasurements("sleep", nap, ALL_MEASUREMENTS))).toEqual([
      ["hypnogram", "2026-03-01T23:10:00+01:00", 1],
    ]);
    const percent = { ...night, sleep_durations_data: { sleep_efficiency: 93.2 } };
    expect(named(extractMeasurements("sleep", percent))).toContainEqual([
      "sleep_efficiency",
      "2026-03-01T23:10:00+01:00",
      93.2,
    ]);
  });

  it("gives nothing for types without measurements and for shapes that are not documents", () => {
    expect(extractMeasurements("nutrition", { metadata: {} })).toEqual([]);
    expect(extractMeasurements("body", null)).toEqual([]);
    expect(extractMeasurements("body", { measurements_data: { measurements: "x" } })).toEqual([]);
    expect(extractMeasurements("daily", { distance_data: [1, 2] })).toEqual([]);
  });
});
