import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { activityRecord, bodyRecord, dailyRecord, type Mutable, sleepRecord } from "../test/fixtures.ts";
import { hotSchema } from "./common.ts";
import { ActivitySchema } from "./models/activity.ts";
import { BodySchema } from "./models/body.ts";
import { DailySchema } from "./models/daily.ts";
import { MenstruationSchema } from "./models/menstruation.ts";
import { SleepSchema } from "./models/sleep.ts";
import { type SchemaWarning, toleranceOf } from "./tolerance.ts";
import { warningsOf } from "./warnings.ts";

/** The oracle: zod's own strict-mode issues, merged the same way (code, field pattern, message). */
function viaZod(schema: z.ZodType, value: unknown): SchemaWarning[] {
  const flat = (issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] =>
    issues.flatMap((i) =>
      i.code === "invalid_union"
        ? flat(i.errors.flat().map((e) => ({ ...e, path: [...i.path, ...e.path] })))
        : [i],
    );
  const merged = new Map<string, SchemaWarning>();
  for (const i of flat(hotSchema(schema).issues(value, true))) {
    const code = toleranceOf(i);
    if (!code)
      throw new Error(`a strict issue that is not a tolerated one: ${i.path.join(".")} ${i.message}`);
    const shape = i.path.map((p) => (typeof p === "number" ? "*" : String(p))).join(".");
    const key = `${code}\u0000${shape}\u0000${i.message}`;
    const seen = merged.get(key);
    if (seen) seen.count++;
    else merged.set(key, { path: i.path.join("."), code, message: i.message, count: 1 });
  }
  return [...merged.values()];
}

const sorted = (w: SchemaWarning[]) =>
  [...w].sort((a, b) => (a.path + a.message < b.path + b.message ? -1 : 1));

/** Every path of a value whose leaf is a string or number (where an oddity can go). */
function leaves(o: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(o)) return o.flatMap((v, i) => leaves(v, [...prefix, i]));
  if (o && typeof o === "object") return Object.entries(o).flatMap(([k, v]) => leaves(v, [...prefix, k]));
  return typeof o === "string" || typeof o === "number" ? [prefix] : [];
}

describe("the warnings walk finds what zod's strict parse finds", () => {
  const cases = [
    ["Sleep", SleepSchema, () => sleepRecord(4)],
    ["Body", BodySchema, () => bodyRecord()],
    ["Daily", DailySchema, () => dailyRecord()],
    ["Activity", ActivitySchema, () => activityRecord()],
    // current_phase is a union (MenstruationInterval | MenstrualPhase): the walk follows zod's branch.
    [
      "Menstruation",
      MenstruationSchema,
      () => ({
        metadata: {
          start_time: "2026-03-01T00:00:00.000000+01:00",
          end_time: "2026-03-02T00:00:00.000000+01:00",
        },
        menstruation_data: {
          current_phase: 2,
          period_start_date: "2026-02-20",
          menstruation_flow: [{ timestamp: "2026-03-01T08:00:00.000000+01:00", flow: 2 }],
        },
      }),
    ],
  ] as const;
  // Oddities the schemas tolerate: another timestamp form, codes Terra may add, a third coordinate.
  const oddity = (current: unknown) =>
    typeof current === "string" && /^\d{4}-\d{2}-\d{2}T/.test(current)
      ? fc.constantFrom(
          `${current.slice(0, 19)}Z`,
          `${current.slice(0, 16)}+0100`,
          `${current.slice(0, 19)}+01`,
        )
      : typeof current === "number" && Number.isInteger(current)
        ? fc.integer({ min: 0, max: 400 })
        : fc.constant(current);

  it.each(cases)(
    "%s records with generated oddities (property)",
    (_, schema, make) => {
      let compared = 0;
      fc.assert(
        fc.property(fc.array(fc.nat(), { minLength: 1, maxLength: 6 }), fc.nat(), (picks, seed) => {
          const rec = make() as Mutable;
          const all = leaves(rec);
          for (const [n, pick] of picks.entries()) {
            const path = all[pick % all.length] as (string | number)[];
            let at = rec;
            for (const k of path.slice(0, -1)) at = at[k];
            const last = path.at(-1) as string | number;
            at[last] = fc.sample(oddity(at[last]), { seed: seed + n, numRuns: 1 })[0];
          }
          if (rec.position_data?.position_samples?.[0])
            rec.position_data.position_samples[0].coords_lat_lng_deg = [1, 2, seed % 3];
          // Only records the tolerant check accepts have warnings (an integer in a float field stays valid).
          if (!hotSchema(schema).passes(rec, false)) return;
          const found = warningsOf(schema, rec);
          expect(sorted(found)).toEqual(sorted(viaZod(schema, rec)));
          if (found.length) compared++;
        }),
        { numRuns: 150 },
      );
      expect(compared, "runs that had warnings to compare").toBeGreaterThan(30);
    },
    60_000,
  );

  it("finds nothing in a standard record, and prefixes paths", () => {
    expect(warningsOf(SleepSchema, sleepRecord(3))).toEqual([]);
    const a = activityRecord() as Mutable;
    a.metadata.type = 155;
    expect(warningsOf(ActivitySchema, a, "data.7.")).toEqual([
      {
        path: "data.7.metadata.type",
        code: "unknown_enum_value",
        message: "ActivityType has no code 155 in this version; kept as sent",
        count: 1,
      },
    ]);
  });
});
