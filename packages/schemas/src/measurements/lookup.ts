import { MEASUREMENT_CATALOG } from "./catalog/index.ts";
import type { MeasurementDefinition, MeasurementModel } from "./types.ts";

const BY_NAME = new Map(MEASUREMENT_CATALOG.map((m) => [m.name, m]));
const BY_CODE = new Map(MEASUREMENT_CATALOG.map((m) => [m.code, m]));

/** Every name in the catalog, in code order. */
export const MEASUREMENT_NAMES: readonly string[] = MEASUREMENT_CATALOG.map((m) => m.name);

export function measurementByName(name: string): MeasurementDefinition | undefined {
  return BY_NAME.get(name);
}

export function measurementByCode(code: number): MeasurementDefinition | undefined {
  return BY_CODE.get(code);
}

/** The measurements read from one Terra model. */
export function measurementsOfModel(model: MeasurementModel | string): MeasurementDefinition[] {
  return MEASUREMENT_CATALOG.filter((m) => m.model === model);
}
