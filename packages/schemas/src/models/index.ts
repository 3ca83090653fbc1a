// The seven data models keyed by their Terra type name.
import type { z } from "zod";
import { ActivitySchema } from "./activity.ts";
import { AthleteSchema } from "./athlete.ts";
import { BodySchema } from "./body.ts";
import { DailySchema } from "./daily.ts";
import { MenstruationSchema } from "./menstruation.ts";
import { NutritionSchema } from "./nutrition.ts";
import { SleepSchema } from "./sleep.ts";

export const DATA_TYPES = [
  "activity",
  "body",
  "daily",
  "sleep",
  "menstruation",
  "nutrition",
  "athlete",
] as const;
export type DataType = (typeof DATA_TYPES)[number];

const MODEL_SCHEMAS = {
  activity: ActivitySchema,
  body: BodySchema,
  daily: DailySchema,
  sleep: SleepSchema,
  menstruation: MenstruationSchema,
  nutrition: NutritionSchema,
  athlete: AthleteSchema,
} as const;
export type ModelSchemaFor<T extends DataType> = (typeof MODEL_SCHEMAS)[T];
export type ModelFor<T extends DataType> = z.infer<ModelSchemaFor<T>>;

/** The zod schema of one record of a data type. */
export function modelSchemaFor<T extends DataType>(type: T): ModelSchemaFor<T> {
  return MODEL_SCHEMAS[type];
}

export function isDataType(value: string): value is DataType {
  return Object.hasOwn(MODEL_SCHEMAS, value);
}
