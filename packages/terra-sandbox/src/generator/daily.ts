import { createRng, round } from "../prng.ts";
import { daysBetween } from "../time.ts";
import { type DayContext, dayMetadata, type GenOptions, mean, withingsDevice } from "./common.ts";

type Doc = Record<string, unknown>;

const BUCKET_MS = 15 * 60_000;
const BUCKETS = 96;
// Relative walking by local hour: asleep at night, a morning commute, lunch, an evening walk.
const HOURLY = [
  0, 0, 0, 0, 0, 0.1, 0.6, 1.4, 1.6, 1, 0.9, 1, 1.5, 1.1, 0.9, 0.9, 1, 1.4, 1.7, 1.3, 0.9, 0.5, 0.2, 0,
];

/** Mifflin-St Jeor basal metabolic rate, kcal per day. */
function bmrPerDay(weightKg: number, heightCm: number, age: number, sex: "male" | "female"): number {
  return 10 * weightKg + 6.25 * heightCm - 5 * age + (sex === "male" ? 5 : -161);
}

/**
 * A day's Daily summary as of `asOf`: cumulative, so a later `asOf` gives a superset with
 * larger totals (the current 15-minute bucket is counted pro rata).
 */
export function generateDaily(ctx: DayContext, opts: GenOptions): Doc | null {
  const p = ctx.person;
  if (ctx.date < p.historyStart || opts.asOfMs <= ctx.dayStart) return null;
  const r = createRng(p.key, "daily", ctx.date);
  const n = daysBetween(p.historyStart, ctx.date);
  const dayFactor = Math.max(0.25, r.normal(1, 0.28)) * (n % 7 === 5 || n % 7 === 6 ? 0.85 : 1);
  const weights = Array.from(
    { length: BUCKETS },
    (_, i) => (HOURLY[Math.floor(i / 4)] ?? 0) * r.float(0.3, 1.7),
  );
  const totalW = weights.reduce((a, b) => a + b, 0);
  const stepsFull = weights.map((w) => Math.round((w / totalW) * p.stepsPerDay * dayFactor));
  const hrFull = weights.map((w) => Math.round(p.restingHr + w * 14 + r.normal(0, 3)));
  const stride = p.heightCm * 0.0042;
  const bmrKcal = bmrPerDay(p.baseWeightKg, p.heightCm, p.ageYears, p.sex);

  const elapsed = Math.min(BUCKETS, (opts.asOfMs - ctx.dayStart) / BUCKET_MS);
  const whole = Math.floor(elapsed);
  const frac = elapsed - whole;
  const steps = stepsFull.slice(0, whole);
  if (whole < BUCKETS && frac > 0) steps.push(Math.floor((stepsFull[whole] ?? 0) * frac));
  const hrs = hrFull.slice(0, Math.max(1, Math.ceil(elapsed)));

  const totalSteps = steps.reduce((a, b) => a + b, 0);
  const distance = round(totalSteps * stride, 1);
  const activeKcal = round(totalSteps * 0.042 * (p.baseWeightKg / 70), 1);
  const bmr = round((bmrKcal * elapsed) / BUCKETS, 1);
  const levelOf = (s: number) => (s > 1800 ? "vigorous" : s > 900 ? "moderate" : s > 100 ? "low" : "rest");
  const secondsAt = (level: string) =>
    steps.reduce((a, s, i) => a + (levelOf(s) === level ? (i === whole ? frac : 1) * 900 : 0), 0);
  const low = Math.round(secondsAt("low"));
  const moderate = Math.round(secondsAt("moderate"));
  const vigorous = Math.round(secondsAt("vigorous"));

  const hr: Doc = {
    summary: {
      avg_hr_bpm: round(mean(hrs), 1),
      min_hr_bpm: Math.min(...hrs),
      max_hr_bpm: Math.max(...hrs),
      resting_hr_bpm: Math.min(p.restingHr, ...hrs),
    },
  };
  const distanceData: Doc = {
    steps: totalSteps,
    distance_meters: distance,
    floors_climbed: Math.floor(totalSteps / 1500),
  };
  const calories: Doc = {
    BMR_calories: bmr,
    net_activity_calories: activeKcal,
    total_burned_calories: round(bmr + activeKcal, 1),
  };
  const active: Doc = {
    // Withings' "active" is moderate + intense; soft (low) time is not counted as active.
    activity_seconds: moderate + vigorous,
    low_intensity_seconds: low,
    moderate_intensity_seconds: moderate,
    vigorous_intensity_seconds: vigorous,
    rest_seconds: Math.round(elapsed * 900) - (low + moderate + vigorous),
  };
  if (opts.withSamples) {
    let cum = 0;
    const stamp = (i: number) => ctx.ts(ctx.dayStart + (i + 1) * BUCKET_MS);
    const stepSamples = steps.map((s, i) => {
      cum += s;
      return { timestamp: stamp(i), steps: cum, timer_duration_seconds: (i + 1) * 900 };
    });
    distanceData.detailed = {
      step_samples: stepSamples,
      distance_samples: stepSamples.map((x) => ({
        timestamp: x.timestamp,
        distance_meters: round(x.steps * stride, 1),
        timer_duration_seconds: x.timer_duration_seconds,
      })),
    };
    calories.calorie_samples = steps.map((s, i) => ({
      timestamp: stamp(i),
      calories: round(bmrKcal / BUCKETS + s * 0.042 * (p.baseWeightKg / 70), 2),
      timer_duration_seconds: (i + 1) * 900,
    }));
    hr.detailed = {
      hr_samples: hrs.map((bpm, i) => ({ timestamp: ctx.ts(ctx.dayStart + i * BUCKET_MS), bpm, context: 0 })),
    };
  }
  return {
    // UploadType 1 = Automatic (Activity/Daily numbering).
    metadata: { ...dayMetadata(ctx), upload_type: 1 },
    distance_data: distanceData,
    calories_data: calories,
    // Only a Withings wearable measures heart rate through the day; phone steps come without it.
    ...(p.hasScanWatch ? { heart_rate_data: hr } : {}),
    active_durations_data: active,
    device_data: withingsDevice(p.hasScanWatch ? "ScanWatch 2" : "Withings Health Mate"),
  };
}
