// Synthetic Withings-like records of our own (deterministic), for tests and the benchmark. They
// fill most fields Terra defines so that both our schemas and Terra's published ones get exercised.

/** A fixture that tests take apart and modify at will. */
// biome-ignore lint/suspicious/noExplicitAny: fixtures are edited freely by tests to build bad inputs
export type Mutable = any;

const USER = {
  user_id: "0b9c3f1e-5a62-4c1d-9a55-2f9d0c8e7a11",
  provider: "WITHINGS",
  last_webhook_update: "2026-03-02T06:00:00.000000+00:00",
  scopes: "user.metrics,user.activity",
  reference_id: "customer-42",
  active: true,
};

export function terraUser(): typeof USER {
  return { ...USER };
}

/** A small deterministic PRNG (mulberry32), so fixtures are identical on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `2026-03-01T22:00:00.000000+09:00` plus `seconds`, written with the same +09:00 offset. */
function at(baseUtcMs: number, seconds: number, offsetHours = 9): string {
  const local = new Date(baseUtcMs + (seconds + offsetHours * 3600) * 1000).toISOString();
  const sign = offsetHours >= 0 ? "+" : "-";
  const hh = String(Math.abs(offsetHours)).padStart(2, "0");
  return `${local.slice(0, 19)}.000000${sign}${hh}:00`;
}

const NIGHT_START = Date.UTC(2026, 2, 1, 13, 0, 0); // 2026-03-01T22:00+09:00

/** One night of sleep; `samplesPerSeries` controls the size (≈ 55 bytes a sample). */
export function sleepRecord(samplesPerSeries = 50, seed = 1): Record<string, unknown> {
  const r = rng(seed);
  const series = <T>(step: number, f: (i: number) => T) =>
    Array.from({ length: samplesPerSeries }, (_, i) => f(i * step));
  return {
    metadata: {
      start_time: at(NIGHT_START, 0),
      end_time: at(NIGHT_START, 8 * 3600),
      upload_type: 2,
      is_nap: false,
      summary_id: `sleep-${seed}`,
      timestamp_localization: 1,
    },
    device_data: {
      name: "Sleep Analyzer",
      manufacturer: "Withings",
      data_provided: ["SLEEP_TYPE", "HEART_RATE"],
    },
    heart_rate_data: {
      summary: { avg_hr_bpm: 54, max_hr_bpm: 71, min_hr_bpm: 47, resting_hr_bpm: 49, avg_hrv_rmssd: 48.2 },
      detailed: {
        hr_samples: series(60, (s) => ({
          timestamp: at(NIGHT_START, s),
          bpm: 45 + Math.round(r() * 25),
          context: 2,
        })),
        hrv_samples_rmssd: series(300, (s) => ({ timestamp: at(NIGHT_START, s), hrv_rmssd: 30 + r() * 40 })),
      },
    },
    sleep_durations_data: {
      asleep: {
        duration_asleep_state_seconds: 25200,
        duration_deep_sleep_state_seconds: 5400,
        duration_light_sleep_state_seconds: 14400,
        duration_REM_sleep_state_seconds: 5400,
        num_REM_events: 4,
      },
      awake: { duration_awake_state_seconds: 1800, num_wakeup_events: 2, sleep_latency_seconds: 600 },
      other: { duration_in_bed_seconds: 28800 },
      sleep_efficiency: 87.5,
      hypnogram_samples: series(30, (s) => ({ timestamp: at(NIGHT_START, s), level: Math.floor(r() * 7) })),
    },
    respiration_data: {
      breaths_data: {
        avg_breaths_per_min: 14.2,
        samples: series(120, (s) => ({ timestamp: at(NIGHT_START, s), breaths_per_min: 12 + r() * 6 })),
      },
      snoring_data: { num_snoring_events: 3, total_snoring_duration_seconds: 240 },
      oxygen_saturation_data: {
        avg_saturation_percentage: 96,
        samples: series(120, (s) => ({ timestamp: at(NIGHT_START, s), percentage: 93 + r() * 6, type: 0 })),
      },
    },
    readiness_data: { readiness: 81, recovery_level: 5 },
    scores: { sleep: 84 },
    temperature_data: { delta: -0.2 },
    data_enrichment: { sleep_score: 83, sleep_contributors: { duration: 0.4, efficiency: 0.3 } },
  };
}

/** Bytes of JSON of a Sleep webhook event with about `targetBytes` of samples. */
export function sleepEventJson(targetBytes: number): string {
  const perSample = 77;
  const samples = Math.max(1, Math.round(targetBytes / (perSample * 5)));
  return JSON.stringify({ type: "sleep", version: "2022-03-16", user: USER, data: [sleepRecord(samples)] });
}

/** One day of body measurements from a Withings scale, cuff, thermometer and ScanWatch. */
export function bodyRecord(seed = 2): Record<string, unknown> {
  const r = rng(seed);
  const day = Date.UTC(2026, 1, 28, 15, 0, 0); // 2026-03-01T00:00+09:00
  const measurements = Array.from({ length: 3 }, (_, i) => ({
    measurement_time: at(day, 7 * 3600 + i * 3600),
    weight_kg: 72 + r(),
    bodyfat_percentage: 18 + r() * 2,
    BMI: 23.1,
    muscle_mass_g: 56000 + r() * 500,
    bone_mass_g: 3100,
    water_percentage: 55,
    lean_mass_g: 59000,
    visceral_fat_level: 6,
  }));
  return {
    metadata: { start_time: at(day, 0), end_time: at(day, 86400), timestamp_localization: 1 },
    device_data: { name: "Body Cardio", manufacturer: "Withings", sensor_state: "ok" },
    measurements_data: { measurements, day_avg_weight_kg: 72.4 },
    blood_pressure_data: {
      blood_pressure_samples: Array.from({ length: 4 }, (_, i) => ({
        timestamp: at(day, 8 * 3600 + i * 900),
        systolic_bp: 115 + Math.round(r() * 10),
        diastolic_bp: 75 + Math.round(r() * 8),
      })),
    },
    heart_data: {
      heart_rate_data: { summary: { resting_hr_bpm: 58 } },
      afib_classification_samples: [{ timestamp: at(day, 9 * 3600), afib_classification: 0 }],
      pulse_wave_velocity_samples: [
        { timestamp: at(day, 7 * 3600), pulse_wave_velocity_meters_per_second: 7.1 },
      ],
      ecg_signal: [
        {
          start_timestamp: at(day, 9 * 3600),
          avg_hr_bpm: 61,
          afib_classification: 0,
          raw_signal: Array.from({ length: 300 }, (_, i) => ({
            timestamp: at(day, 9 * 3600 + Math.floor(i / 300)),
            potential_uV: Math.round((r() - 0.5) * 2000),
          })),
        },
      ],
    },
    temperature_data: {
      body_temperature_samples: [{ timestamp: at(day, 7 * 3600), temperature_celsius: 36.6 }],
    },
    oxygen_data: {
      avg_saturation_percentage: 97,
      saturation_samples: [{ timestamp: at(day, 3600), percentage: 97, type: 0 }],
    },
  };
}

export function bodyEventJson(): string {
  return JSON.stringify({ type: "body", version: "2022-03-16", user: USER, data: [bodyRecord()] });
}

/** A day of steps and activity from a watch. */
export function dailyRecord(): Record<string, unknown> {
  const day = Date.UTC(2026, 1, 28, 15, 0, 0);
  return {
    metadata: { start_time: at(day, 0), end_time: at(day, 86400), upload_type: 1 },
    distance_data: {
      steps: 8042,
      distance_meters: 6100.5,
      floors_climbed: 4,
      detailed: { step_samples: [] },
    },
    calories_data: { total_burned_calories: 2210, net_activity_calories: 480, BMR_calories: 1730 },
    active_durations_data: {
      activity_seconds: 3600,
      activity_levels_samples: [{ timestamp: at(day, 3600), activity_level: 3, timer_duration_seconds: 60 }],
    },
    heart_rate_data: { summary: { avg_hr_bpm: 68, resting_hr_bpm: 56 } },
    stress_data: { avg_stress_level: 31, stress_rating: 2 },
    scores: { activity: 72 },
  };
}

/** A workout (running); activity type 8, upload type 1. */
export function activityRecord(): Record<string, unknown> {
  const start = Date.UTC(2026, 2, 1, 22, 0, 0);
  return {
    metadata: {
      summary_id: "act-1",
      start_time: at(start, 0),
      end_time: at(start, 1800),
      type: 8,
      upload_type: 1,
      name: "Evening run",
    },
    distance_data: { summary: { distance_meters: 5000, steps: 5400, elevation: { gain_actual_meters: 20 } } },
    heart_rate_data: { summary: { avg_hr_bpm: 148, hr_zone_data: [{ zone: 0, duration_seconds: 60 }] } },
    position_data: {
      start_pos_lat_lng_deg: [48.85, 2.35],
      position_samples: [{ timestamp: at(start, 10), coords_lat_lng_deg: [48.85, 2.35] }],
    },
    lap_data: {
      laps: [
        {
          start_time: at(start, 0),
          end_time: at(start, 600),
          distance_meters: 1000,
          stroke_type: "freestyle",
        },
      ],
    },
  };
}
