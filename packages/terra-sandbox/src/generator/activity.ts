import { createRng, round } from "../prng.ts";
import { localTime } from "../time.ts";
import { type DayContext, type GenOptions, summaryId, withingsDevice } from "./common.ts";

type Doc = Record<string, unknown>;

/** Per ActivityType: name, speed (m/s), steps per second (0: no steps), MET. */
const SPORTS: Record<number, { name: string; speed: number; cadence: number; met: number }> = {
  1: { name: "Biking", speed: 6.2, cadence: 0, met: 7.5 },
  7: { name: "Walking", speed: 1.35, cadence: 1.8, met: 3.5 },
  8: { name: "Running", speed: 2.9, cadence: 2.8, met: 9.8 },
  82: { name: "Swimming", speed: 0.75, cadence: 0, met: 7 },
};

/** Workouts recorded by a ScanWatch that day (start_time on `ctx.date`), finished by `asOf`. */
export function generateActivities(ctx: DayContext, opts: GenOptions): Doc[] {
  const p = ctx.person;
  if (ctx.date < p.historyStart) return [];
  const r = createRng(p.key, "activity", ctx.date);
  const count = r.chance(0.38) ? (r.chance(0.12) ? 2 : 1) : 0;
  const out: Doc[] = [];
  for (let i = 0; i < count; i++) {
    const type = r.pick(p.sports);
    const sport = SPORTS[type] ?? SPORTS[7]!;
    const startAt = localTime(
      ctx.date,
      ctx.tz,
      i === 0 ? r.int(6 * 60 + 30, 12 * 60) : r.int(16 * 60, 20 * 60),
    );
    const minutes = r.int(type === 82 ? 25 : 20, type === 1 ? 110 : 75);
    const seconds = minutes * 60;
    const endAt = startAt + seconds * 1000;
    const speed = round(sport.speed * r.float(0.85, 1.15), 2);
    let distance = round(speed * seconds, 1);
    const maxHr = 220 - p.ageYears;
    const avgHr = Math.round(
      Math.min(maxHr - 5, p.restingHr + (sport.met / 10) * (maxHr - p.restingHr) * r.float(0.8, 1)),
    );
    const minHr = Math.max(p.restingHr, avgHr - r.int(15, 30));
    const maxHrSeen = Math.min(maxHr, avgHr + r.int(8, 22));
    const kcal = round((sport.met * p.baseWeightKg * seconds) / 3600, 1);
    const steps = Math.round(sport.cadence * seconds);
    // Withings reports steps only for foot sports; a 0 would read as "measured, none".
    const summary: Doc = { distance_meters: distance, ...(steps > 0 ? { steps } : {}) };
    if (type === 82) {
      const laps = Math.max(1, Math.round(distance / 25));
      distance = laps * 25;
      summary.distance_meters = distance;
      summary.swimming = { num_laps: laps, num_strokes: laps * r.int(14, 22), pool_length_meters: 25 };
    }
    const hrSamples = Array.from({ length: minutes + 1 }, (_, m) => {
      const warm = Math.min(1, m / 6);
      return Math.round(
        Math.min(maxHrSeen, Math.max(minHr, minHr + (avgHr - minHr) * warm * 1.1 + r.normal(0, 2))),
      );
    });
    const hr: Doc = {
      summary: {
        avg_hr_bpm: avgHr,
        min_hr_bpm: minHr,
        max_hr_bpm: maxHrSeen,
        user_max_hr_bpm: maxHr,
        hr_zone_data: [1, 2, 3].map((zone) => ({
          zone,
          name: `Zone ${zone}`,
          start_percentage: 40 + zone * 10,
          end_percentage: 50 + zone * 10,
          duration_seconds: Math.round(seconds / 3),
        })),
      },
    };
    const doc: Doc = {
      metadata: {
        summary_id: summaryId(p.key, "activity", ctx.date, i),
        type,
        name: sport.name,
        start_time: ctx.ts(startAt),
        end_time: ctx.ts(endAt),
        upload_type: 1,
        timestamp_localization: 1,
      },
      distance_data: { summary },
      calories_data: { net_activity_calories: kcal, total_burned_calories: round(kcal * 1.15, 1) },
      heart_rate_data: hr,
      active_durations_data: { activity_seconds: seconds, moderate_intensity_seconds: seconds },
      movement_data: {
        avg_speed_meters_per_second: round(distance / seconds, 2),
        max_speed_meters_per_second: round((distance / seconds) * 1.3, 2),
      },
      MET_data: { avg_level: sport.met },
      device_data: withingsDevice("ScanWatch 2"),
    };
    if (opts.withSamples) {
      const at = (m: number) => ctx.ts(startAt + m * 60_000);
      hr.detailed = {
        hr_samples: hrSamples.map((bpm, m) => ({
          timestamp: at(m),
          bpm,
          timer_duration_seconds: m * 60,
          context: 1,
        })),
      };
      (doc.distance_data as Doc).detailed = {
        distance_samples: hrSamples.map((_, m) => ({
          timestamp: at(m),
          distance_meters: round((distance * m) / minutes, 1),
          timer_duration_seconds: m * 60,
        })),
      };
    }
    if (endAt <= opts.asOfMs) out.push(doc);
  }
  return out;
}
