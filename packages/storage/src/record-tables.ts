import type { DataType } from "@wearables/schemas";
import { activityRecords } from "./schema/activity.ts";
import { athleteRecords } from "./schema/athlete.ts";
import { bodyRecords } from "./schema/body.ts";
import { dailyRecords } from "./schema/daily.ts";
import { menstruationRecords } from "./schema/menstruation.ts";
import { nutritionRecords } from "./schema/nutrition.ts";
import { sleepRecords } from "./schema/sleep.ts";

/** The table of each data type (the SQL table name is the type's name). */
export const RECORD_TABLES = {
  activity: activityRecords,
  body: bodyRecords,
  daily: dailyRecords,
  sleep: sleepRecords,
  menstruation: menstruationRecords,
  nutrition: nutritionRecords,
  athlete: athleteRecords,
} as const satisfies Record<DataType, unknown>;

export function recordTable(type: DataType) {
  const t = RECORD_TABLES[type];
  if (!t) throw new Error(`unknown data type: ${String(type)}`);
  return t;
}
