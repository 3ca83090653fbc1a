import { describe, expect, it } from "vitest";
import { compileSelection, FieldSelectionSchema, selectFields } from "./select.ts";

const body = {
  metadata: { start_time: "2026-07-01T00:00:00+02:00", end_time: "2026-07-02T00:00:00+02:00" },
  device_data: { name: "Body+", serial_number: "SN-123", hardware_version: "2" },
  heart_data: {
    ecg_signal: [{ start_timestamp: "t", raw_signal: [{ potential_uV: 1 }] }],
    afib_classification_samples: [{ timestamp: "t", afib_classification: 0 }],
  },
  measurements_data: {
    measurements: [
      { weight_kg: 70, bone_mass_g: 3000 },
      { weight_kg: 71, bone_mass_g: 0 },
    ],
  },
};

describe("selectFields", () => {
  it("exclude removes the listed subtrees and keeps every sibling", () => {
    const sel = compileSelection({ exclude: ["device_data.serial_number", "heart_data.ecg_signal"] });
    const out = selectFields(body, sel);
    expect(out.device_data).toEqual({ name: "Body+", hardware_version: "2" });
    expect(out.heart_data).toEqual({
      afib_classification_samples: body.heart_data.afib_classification_samples,
    });
    expect(out.measurements_data).toEqual(body.measurements_data);
  });

  it("include keeps only listed paths, always keeps metadata, and crosses arrays", () => {
    const sel = compileSelection({ include: ["measurements_data.measurements.weight_kg"] });
    const out = selectFields(body, sel) as Record<string, unknown>;
    expect(Object.keys(out).sort()).toEqual(["measurements_data", "metadata"]);
    expect(out.measurements_data).toEqual({ measurements: [{ weight_kg: 70 }, { weight_kg: 71 }] });
  });

  it("a * segment matches any key", () => {
    const sel = compileSelection({ exclude: ["*.ecg_signal", "*.serial_number"] });
    const out = selectFields(body, sel);
    expect(out.heart_data).not.toHaveProperty("ecg_signal");
    expect(out.device_data).not.toHaveProperty("serial_number");
  });

  it("does not modify its input and passes through when nothing is selected", () => {
    const copy = structuredClone(body);
    selectFields(body, compileSelection({ exclude: ["device_data"] }));
    expect(body).toEqual(copy);
    expect(selectFields(body, compileSelection(undefined))).toBe(body);
  });

  it("the file format rejects unknown keys and malformed paths", () => {
    expect(FieldSelectionSchema.safeParse({ body: { exclude: ["a..b"] } }).success).toBe(false);
    expect(FieldSelectionSchema.safeParse({ body: { drop: ["a"] } }).success).toBe(false);
    expect(FieldSelectionSchema.safeParse({ body: { include: ["a.b"], exclude: ["c"] } }).success).toBe(true);
  });
});
