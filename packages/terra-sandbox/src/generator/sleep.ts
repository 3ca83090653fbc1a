import { createRng, round } from "../prng.ts";
import { localTime } from "../time.ts";
import { type DayContext, type GenOptions, mean, summaryId, withingsDevice } from "./common.ts";

type Doc = Record<string, unknown>;

// Terra's SleepLevel numbers (not Withings' sleep states).
const AWAKE = 1;
const LIGHT = 4;
const DEEP = 5;
const REM = 6;

interface Segment {
  level: number;
  start: number;
  seconds: number;
}

/**
 * The night that starts on the evening of `ctx.date` (so `metadata.start_time` carries that date),
 * from a Sleep Analyzer (or a ScanWatch). Only once it has ended (`end_time <= asOf`).
 */
export function generateSleep(ctx: DayContext, opts: GenOptions): Doc | null {
  const p = ctx.person;
  if (ctx.date < p.historyStart || !(p.hasSleepAnalyzer || p.hasScanWatch)) return null;
  const r = createRng(p.key, "sleep", ctx.date);
  if (!r.chance(0.92)) return null;
  const inBedAt = localTime(ctx.date, ctx.tz, r.int(21 * 60 + 15, 23 * 60 + 50));
  const inBedSeconds = r.int(390, 560) * 60;
  const latency = r.int(4, 28) * 60;
  const wakeLatency = r.int(2, 15) * 60;

  // Build the hypnogram: latency, then ~90-minute cycles (light, deep, light, REM) with a few
  // awakenings, then the wake-up latency. Every duration below is a sum over these segments.
  const segs: Segment[] = [{ level: AWAKE, start: inBedAt, seconds: latency }];
  let t = inBedAt + latency * 1000;
  const sleepEnd = inBedAt + (inBedSeconds - wakeLatency) * 1000;
  let cycle = 0;
  while (t < sleepEnd) {
    const deepShare = Math.max(0.05, 0.35 - cycle * 0.08);
    const plan: [number, number][] = [
      [LIGHT, r.int(15, 30) * 60],
      [DEEP, Math.round(r.int(60, 95) * 60 * deepShare)],
      [LIGHT, r.int(10, 25) * 60],
      [REM, r.int(8 + cycle * 4, 20 + cycle * 5) * 60],
    ];
    if (r.chance(0.35)) plan.push([AWAKE, r.int(2, 12) * 60]);
    for (const [level, seconds] of plan) {
      if (t >= sleepEnd || seconds <= 0) continue;
      const s = Math.min(seconds, Math.round((sleepEnd - t) / 1000));
      if (s <= 0) continue;
      segs.push({ level, start: t, seconds: s });
      t += s * 1000;
    }
    cycle++;
  }
  segs.push({ level: AWAKE, start: t, seconds: wakeLatency });
  const endAt = t + wakeLatency * 1000;
  if (endAt > opts.asOfMs) return null;

  const sum = (level: number) => segs.filter((s) => s.level === level).reduce((a, s) => a + s.seconds, 0);
  const deep = sum(DEEP);
  const light = sum(LIGHT);
  const rem = sum(REM);
  const awake = sum(AWAKE);
  const asleep = deep + light + rem;
  const inBed = asleep + awake;
  const interruptions = segs.slice(1, -1).filter((s) => s.level === AWAKE);
  const remEvents = segs.filter((s, i) => s.level === REM && segs[i - 1]?.level !== REM).length;

  const hrs: { at: number; bpm: number }[] = [];
  const breaths: { at: number; v: number }[] = [];
  for (let x = inBedAt; x < endAt; x += 10 * 60_000) {
    hrs.push({ at: x, bpm: Math.round(p.restingHr - 6 + r.normal(0, 3)) });
    breaths.push({ at: x, v: round(r.float(11.5, 17.5), 1) });
  }
  const bpms = hrs.map((h) => h.bpm);
  const bv = breaths.map((b) => b.v);
  const analyzer = p.hasSleepAnalyzer;
  const snores = analyzer
    ? Array.from({ length: r.int(0, 9) }, () => ({
        at: inBedAt + r.int(latency, inBedSeconds - wakeLatency - 300) * 1000,
        s: r.int(20, 300),
      })).sort((a, b) => a.at - b.at)
    : [];

  const hr: Doc = {
    summary: {
      avg_hr_bpm: round(mean(bpms), 1),
      min_hr_bpm: Math.min(...bpms),
      max_hr_bpm: Math.max(...bpms),
      resting_hr_bpm: Math.min(...bpms),
    },
  };
  // A ScanWatch also measures heart rate variability and SpO2 through the night. Drawn from a
  // stream of their own, so that adding them left every other value of the night unchanged.
  const watch = p.hasScanWatch ? createRng(p.key, "sleep-watch", ctx.date) : null;
  if (watch) {
    const rmssd = round(Math.max(12, watch.normal(75 - p.ageYears * 0.6, 8)), 1);
    Object.assign(hr.summary as Doc, {
      avg_hrv_rmssd: rmssd,
      avg_hrv_sdnn: round(rmssd * watch.float(1.1, 1.4), 1),
    });
  }
  const durations: Doc = {
    asleep: {
      duration_asleep_state_seconds: asleep,
      duration_deep_sleep_state_seconds: deep,
      duration_light_sleep_state_seconds: light,
      duration_REM_sleep_state_seconds: rem,
      num_REM_events: remEvents,
    },
    awake: {
      duration_awake_state_seconds: awake,
      duration_short_interruption_seconds: interruptions
        .filter((s) => s.seconds < 90)
        .reduce((a, s) => a + s.seconds, 0),
      duration_long_interruption_seconds: interruptions
        .filter((s) => s.seconds >= 90)
        .reduce((a, s) => a + s.seconds, 0),
      num_wakeup_events: interruptions.length,
      num_out_of_bed_events: 0,
      sleep_latency_seconds: latency,
      wake_up_latency_seconds: wakeLatency,
    },
    other: { duration_in_bed_seconds: inBed, duration_unmeasurable_sleep_seconds: 0 },
    // SPEC26: a percentage (time asleep / time in bed).
    sleep_efficiency: round((asleep / inBed) * 100, 1),
  };
  const breathsData: Doc = {
    start_time: ctx.ts(inBedAt),
    end_time: ctx.ts(endAt),
    avg_breaths_per_min: round(mean(bv), 1),
    min_breaths_per_min: Math.min(...bv),
    max_breaths_per_min: Math.max(...bv),
    on_demand_reading: false,
  };
  const respiration: Doc = { breaths_data: breathsData };
  if (watch) {
    respiration.oxygen_saturation_data = {
      start_time: ctx.ts(inBedAt),
      end_time: ctx.ts(endAt),
      avg_saturation_percentage: round(watch.float(93.5, 97.5), 1),
    };
  }
  if (analyzer) {
    respiration.snoring_data = {
      start_time: ctx.ts(inBedAt),
      end_time: ctx.ts(endAt),
      num_snoring_events: snores.length,
      total_snoring_duration_seconds: snores.reduce((a, s) => a + s.s, 0),
      ...(opts.withSamples
        ? { samples: snores.map((s) => ({ timestamp: ctx.ts(s.at), duration_seconds: s.s })) }
        : {}),
    };
  }
  if (opts.withSamples) {
    hr.detailed = { hr_samples: hrs.map((h) => ({ timestamp: ctx.ts(h.at), bpm: h.bpm, context: 2 })) };
    durations.hypnogram_samples = segs.map((s) => ({ timestamp: ctx.ts(s.start), level: s.level }));
    breathsData.samples = breaths.map((b) => ({ timestamp: ctx.ts(b.at), breaths_per_min: b.v }));
  }
  return {
    metadata: {
      start_time: ctx.ts(inBedAt),
      end_time: ctx.ts(endAt),
      summary_id: summaryId(p.key, "sleep", ctx.date),
      is_nap: false,
      // SleepUploadType: 2 = Automatic (1 is Manual here, unlike UploadType).
      upload_type: 2,
      timestamp_localization: 1,
    },
    sleep_durations_data: durations,
    heart_rate_data: hr,
    respiration_data: respiration,
    scores: { sleep: Math.round(40 + 55 * (asleep / inBed) * (0.6 + 0.4 * Math.min(1, asleep / 27000))) },
    device_data: withingsDevice(analyzer ? "Sleep Analyzer" : "ScanWatch 2"),
  };
}
