// Bench-only: the measurement rows the seeded records (seed.sql.ts) would have been written with,
// generated inside PostgreSQL from those rows (record ids, users, days), about 26 per user-day as
// the sandbox's Withings users give: Daily's eight, Body's ten (every other day), Sleep's twelve.
// Blood pressure varies by user and day so that a threshold splits the users.
import { measurementByName } from "@wearables/schemas";

const c = (name: string) => {
  const m = measurementByName(name);
  if (!m) throw new Error(`no measurement ${name}`);
  return m.code;
};

/** Run after the records are seeded; the three statements are independent. */
export function measurementSeedStatements(): string[] {
  const insert = "insert into measurements (local_ts, value, record_id, measurement, utc_offset, user_id)";
  const hash = (salt: number) =>
    `(abs(hashtext(r.user_id || ${salt} || r.local_date::text)::bigint) % 1000 / 1000.0)`;
  return [
    `${insert}
     select r.local_date::timestamp, v.value, r.id, v.code, 0, r.user_id
     from daily r cross join lateral (values
       (${c("steps")}, r.steps::float8), (${c("distance")}, r.distance_meters), (${c("floors")}, 7::float8),
       (${c("active_calories")}, r.active_calories), (${c("total_calories")}, 2310::float8),
       (${c("active_duration")}, 4200::float8), (${c("resting_heart_rate")}, r.resting_hr_bpm),
       (${c("average_heart_rate")}, 71::float8)) v(code, value)`,
    `${insert}
     select r.local_date + v.at, v.value, r.id, v.code, 0, r.user_id
     from body r cross join lateral (values
       (${c("weight")}, r.weight_kg, time '07:12'), (${c("body_fat")}, r.bodyfat_percentage, time '07:12'),
       (${c("fat_free_mass")}, r.weight_kg * 780, time '07:12'), (${c("muscle_mass")}, r.weight_kg * 740, time '07:12'),
       (${c("bone_mass")}, 2900::float8, time '07:12'), (${c("body_water")}, 55.2::float8, time '07:12'),
       (${c("bmi")}, 23.1::float8, time '07:12'),
       (${c("systolic_bp")}, round(112 + 45 * ${hash(1)}), time '08:02'),
       (${c("diastolic_bp")}, round(68 + 25 * ${hash(2)}), time '08:02'),
       (${c("pulse")}, 64::float8, time '00:00')) v(code, value, at)`,
    `${insert}
     select r.local_date + time '23:05', v.value, r.id, v.code, 0, r.user_id
     from sleep r cross join lateral (values
       (${c("sleep_duration")}, r.asleep_seconds), (${c("deep_sleep")}, 5400::float8), (${c("light_sleep")}, 14000::float8),
       (${c("rem_sleep")}, 6700::float8), (${c("awake_duration")}, 1500::float8), (${c("time_in_bed")}, r.in_bed_seconds),
       (${c("sleep_efficiency")}, 91::float8), (${c("sleep_latency")}, 600::float8), (${c("respiration_rate")}, 14.2::float8),
       (${c("wakeups")}, 3::float8), (${c("sleep_heart_rate")}, 55::float8), (${c("hrv_rmssd")}, 41::float8)) v(code, value)`,
  ];
}
