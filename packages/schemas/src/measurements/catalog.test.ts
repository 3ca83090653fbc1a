import { hasShared, terraJsonSchemas } from "@wearables/test-support";
import { describe, expect, it } from "vitest";
import { ActivityType, AFibFlag, SleepLevel } from "../enums.ts";
import { MEASUREMENT_CATALOG } from "./catalog/index.ts";
import { splitPath } from "./extract.ts";
import { DEFAULT_MEASUREMENTS } from "./select.ts";
import { AGGREGATIONS, MEASUREMENT_GROUPS, MEASUREMENT_KINDS, MEASUREMENT_MODELS } from "./types.ts";

// UCUM codes the catalog uses, each checked by hand against the UCUM table (annotations in braces
// are UCUM's way of naming a count).
const UCUM = new Set([
  "kg",
  "g",
  "%",
  "kg/m2",
  "1",
  "mm[Hg]",
  "/min",
  "ms",
  "m/s",
  "uV",
  "Cel",
  "s",
  "m",
  "kcal",
  "{steps}",
  "{floors}",
  "{episodes}",
]);

describe("the measurement catalog", () => {
  it("names and numbers every measurement once, in snake_case", () => {
    const names = MEASUREMENT_CATALOG.map((m) => m.name);
    const codes = MEASUREMENT_CATALOG.map((m) => m.code);
    expect(new Set(names).size).toBe(names.length);
    expect(new Set(codes).size).toBe(codes.length);
    for (const m of MEASUREMENT_CATALOG) {
      expect(m.name).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(Number.isInteger(m.code) && m.code > 0 && m.code < 32768, m.name).toBe(true);
    }
  });

  it("keeps the codes already stored in databases where they are", () => {
    // A code is written into every measurement row: changing one would relabel stored data.
    const pinned: Record<string, number> = {
      weight: 1,
      body_fat: 2,
      systolic_bp: 10,
      diastolic_bp: 11,
      resting_heart_rate: 20,
      hrv_rmssd: 23,
      afib_classification: 30,
      spo2: 40,
      body_temperature: 45,
      sleep_duration: 50,
      deep_sleep: 51,
      hypnogram: 63,
      steps: 70,
      workout_type: 80,
    };
    for (const [name, code] of Object.entries(pinned)) {
      expect(MEASUREMENT_CATALOG.find((m) => m.name === name)?.code, name).toBe(code);
    }
  });

  it("describes each entry with a known model, kind, group, aggregation and UCUM unit", () => {
    for (const m of MEASUREMENT_CATALOG) {
      expect(MEASUREMENT_MODELS, m.name).toContain(m.model);
      expect(MEASUREMENT_KINDS, m.name).toContain(m.kind);
      expect(MEASUREMENT_GROUPS, m.name).toContain(m.group);
      expect(AGGREGATIONS, m.name).toContain(m.aggregation);
      expect(UCUM.has(m.unit), `${m.name}: ${m.unit}`).toBe(true);
      expect(m.description.length, m.name).toBeGreaterThan(5);
    }
  });

  it("times points by a key of their own array element and summaries by the record's start", () => {
    for (const m of MEASUREMENT_CATALOG) {
      const v = splitPath(m.path);
      const t = splitPath(m.time);
      if (m.kind === "point") {
        expect(v.arrays.length, m.name).toBeGreaterThan(0);
        expect(t.arrays, m.name).toEqual(v.arrays);
      } else {
        expect(v.arrays, m.name).toEqual([]);
        expect(m.time, m.name).toBe("metadata.start_time");
      }
    }
  });

  it("keeps daily, nightly, session and point measurements by default and high-frequency samples opt-in", () => {
    const optIn = MEASUREMENT_CATALOG.filter((m) => !m.default).map((m) => m.name);
    expect(optIn.sort()).toEqual(
      ["breathing_rate", "ecg_voltage", "heart_rate", "hypnogram", "night_heart_rate", "rr_interval"].sort(),
    );
    for (const m of MEASUREMENT_CATALOG)
      expect(DEFAULT_MEASUREMENTS.codes.has(m.code), m.name).toBe(m.default);
  });

  it("covers every measurement the issue lists", () => {
    const names = new Set(MEASUREMENT_CATALOG.map((m) => m.name));
    for (const n of [
      ...[
        "weight",
        "body_fat",
        "fat_free_mass",
        "muscle_mass",
        "bone_mass",
        "body_water",
        "bmi",
        "visceral_fat",
      ],
      ...["systolic_bp", "diastolic_bp", "pulse", "resting_heart_rate", "average_heart_rate", "hrv_rmssd"],
      ...["afib_classification", "ecg_result", "pulse_wave_velocity", "spo2", "body_temperature"],
      ...["sleep_duration", "deep_sleep", "light_sleep", "rem_sleep", "awake_duration", "time_in_bed"],
      ...["sleep_efficiency", "sleep_latency", "respiration_rate", "snoring_duration", "snoring_episodes"],
      ...["steps", "distance", "floors", "active_calories", "total_calories", "workout_duration"],
      ...["heart_rate", "hypnogram"],
    ]) {
      expect(names.has(n), n).toBe(true);
    }
  });

  it("names real enums for categorical values", () => {
    const enums = { AFibFlag, SleepLevel, ActivityType };
    for (const m of MEASUREMENT_CATALOG.filter((x) => x.enum)) {
      expect(enums[m.enum!], m.name).toBeDefined();
      expect(m.aggregation, m.name).toBe("last");
    }
  });
});

type Node = Record<string, unknown>;

/** Follows a catalog path through Terra's published JSON Schemas; returns the leaf schema. */
function resolve(schemas: Map<string, Node>, model: string, path: string): Node {
  const deref = (n: Node): Node => {
    let cur = n;
    for (let i = 0; i < 10; i++) {
      if (typeof cur.$ref === "string") {
        const next = schemas.get(cur.$ref.replace(/\.yaml$/, ""));
        if (!next) throw new Error(`no schema ${cur.$ref}`);
        cur = next;
      } else if (Array.isArray(cur.anyOf)) {
        cur = (cur.anyOf as Node[]).find((a) => a.type !== "null") ?? cur;
        if (cur.anyOf) break;
      } else break;
    }
    return cur;
  };
  let node = deref(schemas.get(model)!);
  for (const segment of path.split(".")) {
    const array = segment.endsWith("[]");
    const key = array ? segment.slice(0, -2) : segment;
    const props = node.properties as Record<string, Node> | undefined;
    if (!props?.[key]) throw new Error(`${model}.${path}: no property ${key}`);
    node = deref(props[key]);
    if (array) {
      if (node.type !== "array") throw new Error(`${model}.${path}: ${key} is not an array`);
      node = deref(node.items as Node);
    }
  }
  return node;
}

function leafTypes(n: Node): string[] {
  if (typeof n.type === "string") return [n.type];
  if (Array.isArray(n.oneOf)) return [...new Set((n.oneOf as Node[]).map((o) => String(o.type)))];
  return [];
}

describe.skipIf(!hasShared())("catalog paths against Terra's JSON Schemas", () => {
  const schemas = hasShared() ? terraJsonSchemas() : new Map<string, Node>();
  const modelName = { body: "Body", daily: "Daily", sleep: "Sleep", activity: "Activity" } as const;

  it.each(MEASUREMENT_CATALOG.map((m) => [m.name, m] as const))(
    "%s: the value is a number, the time a string",
    (_, m) => {
      const value = resolve(schemas, modelName[m.model], m.path);
      expect(
        leafTypes(value).every((t) => t === "number" || t === "integer"),
        JSON.stringify(value),
      ).toBe(true);
      expect(leafTypes(value).length).toBeGreaterThan(0);
      const time = resolve(schemas, modelName[m.model], m.time);
      expect(leafTypes(time)).toEqual(["string"]);
    },
  );
});
