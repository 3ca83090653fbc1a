// The catalog in one list, grouped as the README table shows it.
import type { MeasurementDefinition } from "../types.ts";
import { ACTIVITY_MEASUREMENTS } from "./activity.ts";
import { BODY_MEASUREMENTS } from "./body.ts";
import { HEART_MEASUREMENTS } from "./heart.ts";
import { SLEEP_MEASUREMENTS } from "./sleep.ts";

/**
 * Every Withings measurement Terra carries. Codes are stored in the database and names are used by
 * clients: both are permanent. A new measurement gets a new code; none is ever renumbered.
 */
export const MEASUREMENT_CATALOG: readonly MeasurementDefinition[] = Object.freeze(
  [...BODY_MEASUREMENTS, ...HEART_MEASUREMENTS, ...SLEEP_MEASUREMENTS, ...ACTIVITY_MEASUREMENTS].sort(
    (a, b) => a.code - b.code,
  ),
);
