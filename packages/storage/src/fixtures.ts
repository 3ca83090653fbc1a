import type { BackfillPassInput } from "./queries/backfill-passes.ts";

// Synthetic Terra documents of our own (never copies of Terra's files), for tests and the benchmark.

export function bodyDoc(
  date: string,
  opts: { offset?: string; weightKg?: number; fat?: number; samples?: number } = {},
) {
  const offset = opts.offset ?? "+00:00";
  const samples = opts.samples ?? 3;
  const at = (h: number) => `${date}T${String(7 + h).padStart(2, "0")}:12:00.000000${offset}`;
  return {
    metadata: {
      start_time: `${date}T00:00:00.000000${offset}`,
      end_time: `${nextDay(date)}T00:00:00.000000${offset}`,
      timestamp_localization: 1,
    },
    measurements_data: {
      measurements: Array.from({ length: samples }, (_, i) => ({
        measurement_time: at(i),
        weight_kg: (opts.weightKg ?? 72.4) + i * 0.1,
        bodyfat_percentage: (opts.fat ?? 21.3) + i * 0.05,
        muscle_mass_g: 54_100 + i * 10,
        bone_mass_g: 2_900,
        water_percentage: 55.2,
        BMI: 23.1,
      })),
    },
    blood_pressure_data: {
      blood_pressure_samples: Array.from({ length: samples }, (_, i) => ({
        timestamp: at(i),
        systolic_bp: 118 + i,
        diastolic_bp: 76 + i,
      })),
    },
    heart_data: {
      afib_classification_samples: [
        { timestamp: at(0), afib_classification: 0 },
        { timestamp: at(1), afib_classification: 1 },
      ],
      pulse_wave_velocity_samples: [{ timestamp: at(0), pulse_wave_velocity_meters_per_second: 7.9 }],
      heart_rate_data: { summary: { avg_hr_bpm: 64 }, detailed: { hr_samples: [] } },
    },
    temperature_data: { body_temperature_samples: [{ timestamp: at(0), temperature_celsius: 36.7 }] },
    device_data: { name: "Body Cardio", manufacturer: "Withings", sensor_state: "active" },
  };
}

export function dailyDoc(date: string, opts: { steps?: number; offset?: string; samples?: number } = {}) {
  const offset = opts.offset ?? "+00:00";
  const samples = opts.samples ?? 96;
  return {
    metadata: {
      start_time: `${date}T00:00:00.000000${offset}`,
      end_time: `${nextDay(date)}T00:00:00.000000${offset}`,
      upload_type: 1,
      timestamp_localization: 1,
    },
    distance_data: {
      steps: opts.steps ?? 8_412,
      distance_meters: 6_120.5,
      floors_climbed: 7,
      detailed: {
        step_samples: Array.from({ length: samples }, (_, i) => ({
          timestamp: `${date}T${String(Math.floor(i / 4)).padStart(2, "0")}:${String((i % 4) * 15).padStart(2, "0")}:00.000000${offset}`,
          steps: i * 88,
          timer_duration_seconds: 900,
        })),
      },
    },
    calories_data: { total_burned_calories: 2_310, net_activity_calories: 540, BMR_calories: 1_770 },
    heart_rate_data: { summary: { resting_hr_bpm: 58, avg_hr_bpm: 71, max_hr_bpm: 139 } },
    active_durations_data: { activity_seconds: 4_200, low_intensity_seconds: 3_000 },
    data_enrichment: { total_stress_score: 41, respiratory_score: 77 },
    device_data: { name: "ScanWatch", manufacturer: "Withings" },
  };
}

export function sleepDoc(
  summaryId: string,
  date: string,
  opts: { offset?: string; score?: number | null } = {},
) {
  const offset = opts.offset ?? "+00:00";
  // Every 15 minutes from 23:00 (the last hour of `date`, then the next day's early hours).
  const hypnogram = Array.from({ length: 32 }, (_, i) => {
    const hour = (23 + Math.floor(i / 4)) % 24;
    const day = hour === 23 ? date : nextDay(date);
    return {
      timestamp: `${day}T${String(hour).padStart(2, "0")}:${String((i % 4) * 15).padStart(2, "0")}:00.000000${offset}`,
      level: [4, 5, 6, 1][i % 4],
    };
  });
  return {
    metadata: {
      summary_id: summaryId,
      start_time: `${date}T23:05:00.000000${offset}`,
      end_time: `${nextDay(date)}T07:01:00.000000${offset}`,
      upload_type: 2,
      is_nap: false,
    },
    sleep_durations_data: {
      asleep: { duration_asleep_state_seconds: 26_100, duration_deep_sleep_state_seconds: 5_400 },
      awake: { duration_awake_state_seconds: 1_500, num_wakeup_events: 3 },
      other: { duration_in_bed_seconds: 28_560 },
      sleep_efficiency: 0.91,
      hypnogram_samples: hypnogram,
    },
    heart_rate_data: { summary: { avg_hr_bpm: 55, resting_hr_bpm: 51 } },
    respiration_data: { breaths_data: { avg_breaths_per_min: 14.2 } },
    data_enrichment: { sleep_score: opts.score === undefined ? 83 : opts.score },
    device_data: { name: "Sleep Analyzer", manufacturer: "Withings" },
  };
}

/** `n` consecutive days from `from` (YYYY-MM-DD). */
export function dayRange(from: string, n: number): string[] {
  const out = [from];
  while (out.length < n) out.push(nextDay(out.at(-1) as string));
  return out;
}

export function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * A finished `run` pass for backfill_passes, ended at `finishedAt` (a minute long): a success
 * done with every window, or a failure with three windows failed and a summary of codes.
 */
export function passInput(
  finishedAt: Date | string,
  ok: boolean,
  more: Partial<BackfillPassInput> = {},
): BackfillPassInput {
  const end = new Date(finishedAt);
  return {
    pass: `pass-${end.toISOString()}`,
    kind: "run",
    startedAt: new Date(end.getTime() - 60_000),
    finishedAt: end,
    ok,
    usersActive: 2,
    windowsPlanned: 8,
    windowsDone: ok ? 8 : 5,
    windowsFailed: ok ? 0 : 3,
    windowsDeferred: 0,
    documentsInserted: 11,
    documentsUpdated: 4,
    documentsUnchanged: 30,
    invalidRecords: 2,
    warnings: 0,
    requests: 9,
    errors: ok ? 0 : 3,
    errorSummary: ok ? null : "transient_exhausted ×3",
    ...more,
  };
}
