import type { DataType } from "@wearables/schemas";

// The few values copied out of a document into indexed columns at upsert. Documents are
// validated upstream but every Terra field is nullable, so each read is defensive.

type Json = Record<string, unknown>;

function obj(v: unknown): Json | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : undefined;
}
function num(v: unknown): number | null {
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}
function int(v: unknown): number | null {
  const n = num(v);
  return n === null ? null : Math.round(n);
}
function path(root: unknown, ...keys: string[]): unknown {
  let cur: unknown = root;
  for (const k of keys) cur = obj(cur)?.[k];
  return cur;
}
function arr(v: unknown): Json[] {
  return Array.isArray(v) ? (v.map(obj).filter(Boolean) as Json[]) : [];
}
/** The sample with the greatest timestamp (ISO strings of one payload compare as instants). */
function latest(samples: Json[]): Json | undefined {
  let best: Json | undefined;
  let bestAt = Number.NEGATIVE_INFINITY;
  for (const s of samples) {
    const at = typeof s.timestamp === "string" ? Date.parse(s.timestamp) : Number.NaN;
    if (!Number.isNaN(at) && at >= bestAt) {
      best = s;
      bestAt = at;
    }
  }
  return best ?? samples.at(-1);
}

export type Extracted = Record<string, number | null>;

/** Column name (snake_case) → value, per data type. */
export function extractColumns(type: DataType, doc: unknown): Extracted {
  switch (type) {
    case "daily":
      return {
        steps: int(path(doc, "distance_data", "steps")),
        distance_meters: num(path(doc, "distance_data", "distance_meters")),
        active_calories: num(path(doc, "calories_data", "net_activity_calories")),
        resting_hr_bpm: num(path(doc, "heart_rate_data", "summary", "resting_hr_bpm")),
      };
    case "body": {
      const measurements = arr(path(doc, "measurements_data", "measurements"));
      const weighed = latest(measurements.filter((m) => num(m.weight_kg) !== null));
      const fat = latest(measurements.filter((m) => num(m.bodyfat_percentage) !== null));
      const bp = path(doc, "blood_pressure_data");
      const lastBp = latest(arr(path(bp, "blood_pressure_samples")));
      const afib = arr(path(doc, "heart_data", "afib_classification_samples"));
      const ecg = arr(path(doc, "heart_data", "ecg_signal"));
      const flags = [...afib, ...ecg].map((s) => s.afib_classification);
      return {
        weight_kg: num(path(doc, "measurements_data", "day_avg_weight_kg")) ?? num(weighed?.weight_kg),
        bodyfat_percentage:
          num(path(doc, "measurements_data", "day_avg_bodyfat_percentage")) ?? num(fat?.bodyfat_percentage),
        systolic_bp: num(path(bp, "day_avg_systolic_bp")) ?? num(lastBp?.systolic_bp),
        diastolic_bp: num(path(bp, "day_avg_diastolic_bp")) ?? num(lastBp?.diastolic_bp),
        // AFibFlag 1 = positive; 0 (negative) is a real value, so compare, never test truthiness.
        afib_positive_count: flags.length === 0 ? null : flags.filter((f) => f === 1).length,
      };
    }
    case "sleep":
      return {
        asleep_seconds: num(path(doc, "sleep_durations_data", "asleep", "duration_asleep_state_seconds")),
        sleep_efficiency: num(path(doc, "sleep_durations_data", "sleep_efficiency")),
        in_bed_seconds: num(path(doc, "sleep_durations_data", "other", "duration_in_bed_seconds")),
      };
    case "activity": {
      const start = path(doc, "metadata", "start_time");
      const end = path(doc, "metadata", "end_time");
      const span =
        typeof start === "string" && typeof end === "string"
          ? (Date.parse(end) - Date.parse(start)) / 1000
          : Number.NaN;
      return {
        activity_type: int(path(doc, "metadata", "type")),
        duration_seconds: Number.isFinite(span)
          ? span
          : num(path(doc, "active_durations_data", "activity_seconds")),
      };
    }
    default:
      return {};
  }
}

/** The extra column names of a type, in a fixed order (for multi-row INSERT). */
export const EXTRA_COLUMNS: Record<DataType, readonly string[]> = {
  daily: ["steps", "distance_meters", "active_calories", "resting_hr_bpm"],
  body: ["weight_kg", "bodyfat_percentage", "systolic_bp", "diastolic_bp", "afib_positive_count"],
  sleep: ["asleep_seconds", "sleep_efficiency", "in_bed_seconds"],
  activity: ["activity_type", "duration_seconds"],
  menstruation: [],
  nutrition: [],
  athlete: [],
};
