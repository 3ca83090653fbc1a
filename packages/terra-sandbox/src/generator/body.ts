import { createRng, round } from "../prng.ts";
import { daysBetween, formatLocal, localTime, offsetMinutes } from "../time.ts";
import { type DayContext, dayMetadata, type GenOptions, mean, withingsDevice } from "./common.ts";

type Doc = Record<string, unknown>;

interface Reading {
  at: number;
}
interface WeighIn extends Reading {
  weight: number;
  bodyfat: number;
  pwv: number | null;
  hr: number | null;
}
interface Bp extends Reading {
  sys: number;
  dia: number;
  hr: number;
}
interface Ecg extends Reading {
  hr: number;
  afib: 0 | 1 | 2;
}

/** ECG from a ScanWatch: 30 s at 300 Hz (Withings NOTES), in µV, a synthetic PQRST train. */
function ecgSignal(ecg: Ecg, tz: string, seedKey: string): Doc[] {
  const off = offsetMinutes(tz, ecg.at);
  const r = createRng(seedKey, "ecg-noise");
  const beat = 60 / ecg.hr;
  const out: Doc[] = [];
  // Format each whole second once and splice the milliseconds in: 9,000 samples per reading.
  let second = -1;
  let prefix = "";
  let suffix = "";
  for (let i = 0; i < 9000; i++) {
    const t = i / 300;
    const phase = (t % beat) / beat;
    const qrs = Math.exp(-(((phase - 0.4) / 0.012) ** 2)) * 1100;
    const tWave = Math.exp(-(((phase - 0.65) / 0.05) ** 2)) * 250;
    const pWave = Math.exp(-(((phase - 0.25) / 0.03) ** 2)) * 120;
    const ms = ecg.at + Math.round(t * 1000);
    const sec = Math.floor(ms / 1000);
    if (sec !== second) {
      second = sec;
      const full = formatLocal(sec * 1000, tz, off);
      prefix = full.slice(0, 20);
      suffix = full.slice(23);
    }
    out.push({
      timestamp: `${prefix}${String(ms - sec * 1000).padStart(3, "0")}${suffix}`,
      potential_uV: round(qrs + tWave + pWave + r.normal(0, 15), 1),
    });
  }
  return out;
}

/** A day of Withings Body data (scale, BPM cuff, ScanWatch, thermometer), or null if none yet. */
export function generateBody(ctx: DayContext, opts: GenOptions): Doc | null {
  const p = ctx.person;
  if (ctx.date < p.historyStart) return null;
  const r = createRng(p.key, "body", ctx.date);
  const n = daysBetween(p.historyStart, ctx.date);
  const at = (minMin: number, maxMin: number) => localTime(ctx.date, ctx.tz, r.int(minMin, maxMin));
  const trendKg = p.baseWeightKg + 1.8 * Math.sin(n / 45) - 0.002 * n;
  const hasCardio = p.scale !== "Body+";

  const weighIns: WeighIn[] = [];
  const weighCount = r.chance(0.72) ? (r.chance(0.15) ? 2 : 1) : 0;
  for (let i = 0; i < weighCount; i++) {
    weighIns.push({
      at: i === 0 ? at(6 * 60 + 20, 8 * 60 + 40) : at(19 * 60, 22 * 60 + 30),
      weight: round(trendKg + r.normal(0, 0.25) + i * 0.6, 2),
      bodyfat: round(p.bodyfatPct + r.normal(0, 0.4), 1),
      pwv: hasCardio ? round(r.float(5.6, 9.8), 1) : null,
      hr: hasCardio ? r.int(p.restingHr + 4, p.restingHr + 18) : null,
    });
  }
  const bps: Bp[] = [];
  if (p.hasBpm && r.chance(0.45)) {
    const count = r.int(1, 3);
    for (let i = 0; i < count; i++) {
      const sys = Math.round(p.baseSystolic + r.normal(0, 7));
      bps.push({
        at: i === 0 ? at(7 * 60, 9 * 60) : at(12 * 60 + 30 * i, 21 * 60 + 30),
        sys,
        dia: Math.min(sys - 25, Math.round(p.baseDiastolic + r.normal(0, 5))),
        hr: r.int(p.restingHr, p.restingHr + 20),
      });
    }
  }
  const spo2 = p.hasScanWatch && r.chance(0.3) ? [{ at: at(9 * 60, 21 * 60), pct: r.int(94, 99) }] : [];
  const temps =
    p.hasThermo && r.chance(0.12) ? [{ at: at(8 * 60, 22 * 60), c: round(r.float(36.2, 37.4), 1) }] : [];
  const ecgs: Ecg[] =
    p.hasScanWatch && r.chance(0.12)
      ? [{ at: at(10 * 60, 20 * 60), hr: r.int(58, 92), afib: r.chance(0.9) ? 0 : r.chance(0.7) ? 2 : 1 }]
      : [];

  const seen = <T extends Reading>(xs: T[]) =>
    xs.filter((x) => x.at <= opts.asOfMs).sort((a, b) => a.at - b.at);
  const w = seen(weighIns);
  const b = seen(bps);
  const s = seen(spo2);
  const t = seen(temps);
  const e = seen(ecgs);
  if (w.length + b.length + s.length + t.length + e.length === 0) return null;

  const hrReadings = [
    ...w.filter((x) => x.hr !== null).map((x) => ({ at: x.at, bpm: x.hr as number })),
    ...b.map((x) => ({ at: x.at, bpm: x.hr })),
    ...e.map((x) => ({ at: x.at, bpm: x.hr })),
  ].sort((a, b2) => a.at - b2.at);

  const doc: Doc = { metadata: dayMetadata(ctx) };
  if (w.length > 0) {
    const measurements = w.map((x) => {
      const fatKg = (x.weight * x.bodyfat) / 100;
      const leanKg = x.weight - fatKg;
      const boneKg = x.weight * 0.038;
      const m: Doc = {
        measurement_time: ctx.ts(x.at),
        weight_kg: x.weight,
        height_cm: p.heightCm,
        BMI: round(x.weight / (p.heightCm / 100) ** 2, 1),
        bodyfat_percentage: x.bodyfat,
        lean_mass_g: Math.round(leanKg * 1000),
        // Withings muscle mass is lean mass minus bone (it includes water), always below weight.
        muscle_mass_g: Math.round((leanKg - boneKg) * 1000),
        bone_mass_g: Math.round(boneKg * 1000),
        water_percentage: round((leanKg * 0.73 * 100) / x.weight, 1),
      };
      if (p.scale === "Body Scan") m.visceral_fat_level = round(4 + x.bodyfat / 4, 1);
      return m;
    });
    doc.measurements_data = {
      measurements,
      day_avg_weight_kg: round(mean(w.map((x) => x.weight)), 2),
      day_avg_bodyfat_percentage: round(mean(w.map((x) => x.bodyfat)), 1),
      day_avg_height_cm: p.heightCm,
    };
  }
  if (b.length > 0) {
    doc.blood_pressure_data = {
      blood_pressure_samples: b.map((x) => ({
        timestamp: ctx.ts(x.at),
        systolic_bp: x.sys,
        diastolic_bp: x.dia,
      })),
      day_avg_systolic_bp: round(mean(b.map((x) => x.sys)), 1),
      day_avg_diastolic_bp: round(mean(b.map((x) => x.dia)), 1),
    };
  }
  const heart: Doc = {};
  if (hrReadings.length > 0) {
    const bpms = hrReadings.map((x) => x.bpm);
    const hr: Doc = {
      summary: {
        avg_hr_bpm: round(mean(bpms), 1),
        min_hr_bpm: Math.min(...bpms),
        max_hr_bpm: Math.max(...bpms),
        resting_hr_bpm: p.restingHr,
      },
    };
    if (opts.withSamples) {
      hr.detailed = {
        hr_samples: hrReadings.map((x) => ({ timestamp: ctx.ts(x.at), bpm: x.bpm, context: 2 })),
      };
    }
    heart.heart_rate_data = hr;
  }
  const pwv = w.filter((x) => x.pwv !== null);
  if (pwv.length > 0) {
    heart.pulse_wave_velocity_samples = pwv.map((x) => ({
      timestamp: ctx.ts(x.at),
      pulse_wave_velocity_meters_per_second: x.pwv,
    }));
  }
  if (e.length > 0) {
    heart.afib_classification_samples = e.map((x) => ({
      timestamp: ctx.ts(x.at),
      afib_classification: x.afib,
    }));
    heart.ecg_signal = e.map((x, i) => {
      const reading: Doc = { start_timestamp: ctx.ts(x.at), avg_hr_bpm: x.hr, afib_classification: x.afib };
      if (opts.withSamples) reading.raw_signal = ecgSignal(x, ctx.tz, `${p.key}:${ctx.date}:${i}`);
      return reading;
    });
  }
  if (Object.keys(heart).length > 0) doc.heart_data = heart;
  if (s.length > 0) {
    doc.oxygen_data = {
      avg_saturation_percentage: round(mean(s.map((x) => x.pct)), 1),
      saturation_samples: s.map((x) => ({ timestamp: ctx.ts(x.at), percentage: x.pct, type: 0 })),
    };
  }
  if (t.length > 0) {
    doc.temperature_data = {
      body_temperature_samples: t.map((x) => ({ timestamp: ctx.ts(x.at), temperature_celsius: x.c })),
      day_avg_body_temperature_celsius: round(mean(t.map((x) => x.c)), 1),
    };
  }
  const devices = [
    ...(w.length > 0 ? [withingsDevice(p.scale)] : []),
    ...(b.length > 0 ? [withingsDevice("BPM Connect")] : []),
    ...(e.length > 0 || s.length > 0 ? [withingsDevice("ScanWatch 2")] : []),
    ...(t.length > 0 ? [withingsDevice("Thermo")] : []),
  ];
  const [primary, ...others] = devices;
  doc.device_data = { ...primary, ...(others.length > 0 ? { other_devices: others } : {}) };
  return doc;
}
