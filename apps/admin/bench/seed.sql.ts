// Bench-only bulk seed: one year of daily, sleep and (every other day) body records for N users,
// generated inside PostgreSQL with generate_series, so seeding takes seconds rather than minutes.
// The first statement (users) must run before the others, which are independent.
// The documents are our synthetic fixtures with the day substituted; the app reads them unchanged.
import { bodyDoc, dailyDoc, sleepDoc } from "@wearables/storage/testing";

const lit = (o: unknown) => `'${JSON.stringify(o).replaceAll("'", "''")}'::jsonb`;

export function seedStatements(users: number, from: string, to: string): string[] {
  const daily = dailyDoc("2000-01-01", { samples: 4 });
  const body = bodyDoc("2000-01-01", { samples: 1 });
  const sleep = sleepDoc("x", "2000-01-01");
  sleep.sleep_durations_data.hypnogram_samples = sleep.sleep_durations_data.hypnogram_samples.slice(0, 6);
  const days = `generate_series(1, ${users}) u, generate_series('${from}'::date, '${to}'::date, '1 day') d`;
  const uid = `'bench-' || lpad(u::text, 5, '0')`;
  const day = `to_char(d, 'YYYY-MM-DD')`;
  const next = `to_char(d + interval '1 day', 'YYYY-MM-DD')`;
  const common = `${uid}, ${day}, d::date, extract(epoch from d)::bigint * 1000, d + interval '1 day', 'backfill'`;
  const dayDoc = (tpl: string) =>
    `jsonb_set(jsonb_set(${tpl}, '{metadata,start_time}', to_jsonb(${day} || 'T00:00:00.000000+00:00')),
       '{metadata,end_time}', to_jsonb(${next} || 'T00:00:00.000000+00:00'))`;
  return [
    `insert into terra_users (user_id, provider, reference_id, status)
       select ${uid}, 'WITHINGS', 'ref-' || u, 'active' from generate_series(1, ${users}) u`,
    `insert into daily (user_id, natural_key, local_date, ordering_ts, received_at, source, start_time, end_time,
       document, steps, distance_meters, active_calories, resting_hr_bpm)
     select ${common}, ${day} || 'T00:00:00.000000+00:00', ${next} || 'T00:00:00.000000+00:00',
       jsonb_set(${dayDoc(lit(daily))}, '{distance_data,steps}', to_jsonb((u * 37 + extract(doy from d)::int * 11) % 15000)),
       (u * 37 + extract(doy from d)::int * 11) % 15000, 6120.5, 540, 55 + u % 10
     from ${days}`,
    `insert into body (user_id, natural_key, local_date, ordering_ts, received_at, source, start_time, end_time,
       document, weight_kg, bodyfat_percentage, systolic_bp, diastolic_bp, afib_positive_count)
     select ${common}, ${day} || 'T00:00:00.000000+00:00', ${next} || 'T00:00:00.000000+00:00',
       ${dayDoc(lit(body))}, 60 + u % 40, 15 + u % 20, 110 + u % 30, 70 + u % 20, 0
     from ${days} where extract(doy from d)::int % 2 = 0`,
    `insert into sleep (user_id, natural_key, local_date, ordering_ts, received_at, source, start_time, end_time,
       document, asleep_seconds, sleep_efficiency, in_bed_seconds)
     select ${uid}, 'sleep-' || u || '-' || ${day}, d::date, extract(epoch from d)::bigint * 1000, d + interval '1 day',
       'backfill', ${day} || 'T23:05:00.000000+00:00', ${next} || 'T07:01:00.000000+00:00',
       jsonb_set(${lit(sleep)}, '{metadata,summary_id}', to_jsonb('sleep-' || u || '-' || ${day})),
       26100, 0.91, 28560
     from ${days}`,
  ];
}
