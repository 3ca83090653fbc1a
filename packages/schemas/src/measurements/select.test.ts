import { describe, expect, it } from "vitest";
import { MEASUREMENT_CATALOG } from "./catalog/index.ts";
import { measurementByName } from "./lookup.ts";
import {
  ALL_MEASUREMENTS,
  DEFAULT_MEASUREMENTS,
  MeasurementSelectionError,
  parseMeasurementSelection,
} from "./select.ts";

const code = (n: string) => measurementByName(n)!.code;

describe("parseMeasurementSelection", () => {
  it("is the default when empty or absent", () => {
    for (const s of [undefined, null, "", " , ", []])
      expect(parseMeasurementSelection(s)).toBe(DEFAULT_MEASUREMENTS);
  });

  it("adds to the default, removes from it, and picks single measurements", () => {
    const more = parseMeasurementSelection("default,heart_rate");
    expect(more.codes.size).toBe(DEFAULT_MEASUREMENTS.codes.size + 1);
    expect(more.codes.has(code("heart_rate"))).toBe(true);
    const less = parseMeasurementSelection(" -snoring_duration ");
    expect(less.codes.has(code("snoring_duration"))).toBe(false);
    expect(less.codes.size).toBe(DEFAULT_MEASUREMENTS.codes.size - 1);
    expect([...parseMeasurementSelection(["Weight", "steps"]).codes].sort()).toEqual(
      [code("weight"), code("steps")].sort(),
    );
    expect(parseMeasurementSelection("all").key).toBe(ALL_MEASUREMENTS.key);
    expect(parseMeasurementSelection("all,-ecg_voltage").codes.size).toBe(MEASUREMENT_CATALOG.length - 1);
    expect(parseMeasurementSelection("none").codes.size).toBe(0);
    expect(parseMeasurementSelection("weight,none,steps").key).toBe(String(code("steps")));
  });

  it("compares by key, whatever the order", () => {
    expect(parseMeasurementSelection("steps,weight").key).toBe(parseMeasurementSelection("weight,steps").key);
  });

  it("names every unknown measurement", () => {
    expect(() => parseMeasurementSelection("weight,wieght,-stepz")).toThrow(MeasurementSelectionError);
    expect(() => parseMeasurementSelection("weight,wieght,-stepz")).toThrow(/wieght, -stepz/);
  });
});
