import { describe, expect, it } from "vitest";
import { eachDate } from "../time.ts";
import { makePerson } from "../users.ts";
import {
  createGenerator,
  recordsForDay,
  recordsForRange,
  type SandboxDataType,
  type TerraDoc,
} from "./index.ts";

const NOW = Date.parse("2026-11-25T07:00:00Z");
const opts = { withSamples: false, asOfMs: NOW };
const people = Array.from({ length: 12 }, (_, i) => makePerson("gen-seed", i));
const TYPES: SandboxDataType[] = ["activity", "body", "daily", "sleep"];

/** Every object in a document (depth first), for checks that apply wherever a sub-object appears. */
function* walk(value: unknown): Generator<Record<string, unknown>> {
  if (Array.isArray(value)) for (const v of value) yield* walk(v);
  else if (value && typeof value === "object") {
    yield value as Record<string, unknown>;
    for (const v of Object.values(value)) yield* walk(v);
  }
}
const meta = (d: TerraDoc) => d.metadata as Record<string, string | number>;
const cache = new Map<string, TerraDoc[]>();
/** 12 people × 66 days, generated once per (type, withSamples) for the whole file. */
function range(type: SandboxDataType, withSamples = false): TerraDoc[] {
  const key = `${type}:${withSamples}`;
  let docs = cache.get(key);
  if (!docs) {
    docs = people.flatMap((p) =>
      recordsForRange(p, type, "2026-09-20", "2026-11-24", { withSamples, asOfMs: NOW }),
    );
    cache.set(key, docs);
  }
  return docs;
}

describe("synthetic Withings generator", { timeout: 60_000 }, () => {
  it("is deterministic per (seed, person, date) and independent of what was generated before", () => {
    for (const type of TYPES) {
      const a = recordsForRange(people[0]!, type, "2026-10-01", "2026-10-31", opts);
      // Generated last day first, with a fresh person object: same documents.
      const single = eachDate("2026-10-01", "2026-10-31")
        .reverse()
        .map((d) => recordsForDay(makePerson("gen-seed", 0), type, d, opts))
        .reverse()
        .flat();
      expect(a.length, type).toBeGreaterThan(0);
      expect(JSON.stringify(single)).toBe(JSON.stringify(a));
      const other = recordsForRange(makePerson("other-seed", 0), type, "2026-10-01", "2026-10-31", opts);
      expect(JSON.stringify(other)).not.toBe(JSON.stringify(a));
    }
  });

  it("keeps min <= avg <= max in every summary and in every sleep/breath block", () => {
    let checked = 0;
    for (const type of TYPES) {
      for (const o of walk(range(type))) {
        for (const [min, avg, max] of [
          ["min_hr_bpm", "avg_hr_bpm", "max_hr_bpm"],
          ["min_breaths_per_min", "avg_breaths_per_min", "max_breaths_per_min"],
        ] as const) {
          // ECG readings carry avg_hr_bpm alone.
          if (typeof o[avg] !== "number" || o[min] === undefined) continue;
          checked++;
          expect(o[min] as number).toBeLessThanOrEqual(o[avg] as number);
          expect(o[avg] as number).toBeLessThanOrEqual(o[max] as number);
        }
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it("writes Body and Daily metadata at local midnight, 24 h apart, with the person's offset", () => {
    for (const type of ["body", "daily"] as const) {
      for (const d of range(type)) {
        const { start_time, end_time } = meta(d) as { start_time: string; end_time: string };
        expect(start_time).toMatch(/T00:00:00\.000000[+-]\d{2}:\d{2}$/);
        expect(end_time.slice(10)).toBe(start_time.slice(10));
        expect(Date.parse(end_time) - Date.parse(start_time)).toBe(86_400_000);
      }
    }
    const kolkata = people.find((p) => p.timeZone === "Asia/Kolkata")!;
    expect(meta(recordsForDay(kolkata, "daily", "2026-11-01", opts)[0]!).start_time).toBe(
      "2026-11-01T00:00:00.000000+05:30",
    );
    const ny = people.find((p) => p.timeZone === "America/New_York")!;
    expect(meta(recordsForDay(ny, "daily", "2026-07-01", opts)[0]!).start_time).toMatch(/-04:00$/);
    expect(meta(recordsForDay(ny, "daily", "2026-11-20", opts)[0]!).start_time).toMatch(/-05:00$/);
  });

  it("keeps a record's start_time on the requested local date", () => {
    for (const p of people.slice(0, 4)) {
      for (const type of TYPES) {
        for (const date of eachDate("2026-10-01", "2026-10-10")) {
          for (const d of recordsForDay(p, type, date, opts))
            expect(String(meta(d).start_time).slice(0, 10)).toBe(date);
        }
      }
    }
  });

  it("makes sleep durations add up, hypnogram included, with Sleep's upload type numbering", () => {
    const nights = range("sleep", true);
    expect(nights.length).toBeGreaterThan(100);
    for (const n of nights) {
      const s = n.sleep_durations_data as Record<
        string,
        Record<string, number> & { hypnogram_samples?: unknown }
      >;
      const asleep = s.asleep!;
      expect(asleep.duration_asleep_state_seconds).toBe(
        asleep.duration_deep_sleep_state_seconds! +
          asleep.duration_light_sleep_state_seconds! +
          asleep.duration_REM_sleep_state_seconds!,
      );
      const inBed = s.other!.duration_in_bed_seconds!;
      expect(inBed).toBe(asleep.duration_asleep_state_seconds! + s.awake!.duration_awake_state_seconds!);
      expect(Date.parse(String(meta(n).end_time)) - Date.parse(String(meta(n).start_time))).toBe(
        inBed * 1000,
      );
      // Hypnogram: each sample lasts until the next (the last until end_time); per level they sum to the durations.
      const hyp = s.hypnogram_samples as unknown as { timestamp: string; level: number }[];
      const per: Record<number, number> = {};
      hyp.forEach((h, i) => {
        const end = Date.parse(hyp[i + 1]?.timestamp ?? String(meta(n).end_time));
        per[h.level] = (per[h.level] ?? 0) + (end - Date.parse(h.timestamp)) / 1000;
      });
      expect(per[5] ?? 0).toBe(asleep.duration_deep_sleep_state_seconds);
      expect(per[6] ?? 0).toBe(asleep.duration_REM_sleep_state_seconds);
      expect(per[1] ?? 0).toBe(s.awake!.duration_awake_state_seconds);
      expect(meta(n).upload_type).toBe(2);
      expect(s.sleep_efficiency as unknown as number).toBeGreaterThan(50);
    }
  });

  it("keeps body composition consistent and blood pressure systolic above diastolic", () => {
    const days = range("body");
    let bp = 0;
    for (const d of days) {
      for (const m of (d.measurements_data as { measurements?: Record<string, number>[] })?.measurements ??
        []) {
        const fatG = m.weight_kg! * m.bodyfat_percentage! * 10;
        expect(m.muscle_mass_g! + m.bone_mass_g! + fatG).toBeLessThanOrEqual(m.weight_kg! * 1000 + 1);
        expect(m.BMI).toBeCloseTo(m.weight_kg! / (m.height_cm! / 100) ** 2, 0);
      }
      for (const s of (d.blood_pressure_data as { blood_pressure_samples?: Record<string, number>[] })
        ?.blood_pressure_samples ?? []) {
        bp++;
        expect(s.systolic_bp!).toBeGreaterThan(s.diastolic_bp!);
      }
    }
    expect(bp).toBeGreaterThan(20);
  });

  it("emits sample series, detailed blocks and ECG raw signal only with with_samples", () => {
    // Body's reading lists (blood_pressure_samples, measurements…) are the data itself and stay (ADR 0450).
    const series =
      /"(detailed|raw_signal|hypnogram_samples|samples|hr_samples|step_samples|calorie_samples)"/;
    const few = (type: SandboxDataType, withSamples: boolean) =>
      people
        .slice(0, 6)
        .flatMap((p) => recordsForRange(p, type, "2026-11-01", "2026-11-20", { withSamples, asOfMs: NOW }));
    for (const type of TYPES) {
      expect(JSON.stringify(range(type)), type).not.toMatch(series);
      expect(JSON.stringify(few(type, true)), type).toMatch(series);
    }
    const ecg = people
      .flatMap((p) =>
        recordsForRange(p, "body", "2026-10-01", "2026-11-20", { withSamples: true, asOfMs: NOW }),
      )
      .flatMap((d) => (d.heart_data as { ecg_signal?: { raw_signal: unknown[] }[] })?.ecg_signal ?? []);
    expect(ecg.length).toBeGreaterThan(0);
    // ScanWatch: 30 s at 300 Hz.
    for (const e of ecg) expect(e.raw_signal).toHaveLength(9000);
  });

  it("uses Withings workout ActivityType codes and stable summary ids", () => {
    const acts = range("activity");
    expect(new Set(acts.map((a) => meta(a).type)).size).toBeGreaterThanOrEqual(3);
    for (const a of acts) expect([1, 7, 8, 82]).toContain(meta(a).type);
    const again = range("activity", true).map((a) => meta(a).summary_id);
    expect(again).toEqual(acts.map((a) => meta(a).summary_id));
    expect(new Set(again).size).toBe(again.length);
  });

  it("grows a Daily through the day as a superset and stops at now", () => {
    const p = people[0]!;
    const date = "2026-11-24";
    const at = (h: number) => Date.parse(`${date}T00:00:00+01:00`) + h * 3600_000;
    const series = [9, 12, 15, 18, 23].map(
      (h) => recordsForDay(p, "daily", date, { withSamples: false, asOfMs: at(h) })[0]!,
    );
    const steps = series.map((d) => (d.distance_data as { steps: number }).steps);
    const kcal = series.map(
      (d) => (d.calories_data as { total_burned_calories: number }).total_burned_calories,
    );
    for (let i = 1; i < series.length; i++) {
      expect(steps[i]!).toBeGreaterThanOrEqual(steps[i - 1]!);
      expect(kcal[i]!).toBeGreaterThan(kcal[i - 1]!);
    }
    const complete = recordsForDay(p, "daily", date, { withSamples: false, asOfMs: at(30) });
    expect(recordsForDay(p, "daily", date, { withSamples: false, asOfMs: at(500) })).toEqual(complete);
    expect(recordsForDay(p, "daily", "2026-11-26", opts)).toEqual([]);
    expect(recordsForDay(p, "sleep", "2026-11-25", opts)).toEqual([]);
  });
});

describe("createGenerator", () => {
  it("gives the same documents as a sandbox user with the same seed and index", async () => {
    const { createSandbox } = await import("../sandbox.ts");
    const sb = createSandbox({ devId: "d", apiKey: "k", users: 2, seed: "gen-seed", now: () => NOW });
    const gen = createGenerator({ seed: "gen-seed", now: () => NOW });
    const u = sb.users[1]!;
    expect(gen.records(1, "sleep", "2026-11-01", "2026-11-10")).toEqual(
      sb.expectedRecords(u.user_id, "sleep", "2026-11-01", "2026-11-10"),
    );
    expect(gen.person(1).timeZone).toBe(u.person.timeZone);
  });
});
