// Helpers shared by the catalog's files: defaults and the path of a sample inside an array.
import type { MeasurementDefinition } from "../types.ts";

export type Entry = Omit<MeasurementDefinition, "default" | "time"> & { default?: boolean; time?: string };

/** Summaries are timed by their record's start (a day's local midnight, a night's or a workout's start). */
export const START = "metadata.start_time";

export function define(list: Entry[]): MeasurementDefinition[] {
  return list.map((e) => ({ ...e, default: e.default ?? true, time: e.time ?? START }));
}

/** A sample in `array[]`, timed by `timeKey` of the same element. */
export function sample(array: string, key: string, timeKey = "timestamp"): { path: string; time: string } {
  return { path: `${array}[].${key}`, time: `${array}[].${timeKey}` };
}
