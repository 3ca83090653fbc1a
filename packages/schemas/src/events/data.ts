// Events that carry records: `data: T[]` for the six data types and the newer products, one
// `athlete` object for athlete. `data` may be empty; a large request arrives as many such events.
import { z } from "zod";
import { TimestampSchema } from "../common.ts";
import { ActivitySchema } from "../models/activity.ts";
import { AthleteSchema } from "../models/athlete.ts";
import { BodySchema } from "../models/body.ts";
import { DailySchema } from "../models/daily.ts";
import { HealthObservationSchema } from "../models/health-observation.ts";
import { HormoneSampleSchema } from "../models/hormone.ts";
import { LabReportEventDataSchema, LabReportFailureDataSchema } from "../models/lab-report.ts";
import { MenstruationSchema } from "../models/menstruation.ts";
import { NutritionSchema } from "../models/nutrition.ts";
import { PlannedWorkoutSchema } from "../models/planned-workout.ts";
import { SleepSchema } from "../models/sleep.ts";
import { TerraUserSchema } from "../models/user.ts";

// Terra's 2026 spec marks `version` required on data events; older SDK types mark it optional, so it
// is accepted when absent rather than failing a payload whose records are all valid. `status` comes
// from Terra's base WebhookEvent (a string or null; data events usually carry none).
function dataEvent<const T extends string, S extends z.ZodType>(type: T, record: S) {
  return z.looseObject({
    type: z.literal(type),
    status: z.string().nullish(),
    user: TerraUserSchema,
    data: z.array(record),
    version: z.string().nullish(),
  });
}

export const ActivityEventSchema = dataEvent("activity", ActivitySchema);
export type ActivityEvent = z.infer<typeof ActivityEventSchema>;
export const BodyEventSchema = dataEvent("body", BodySchema);
export type BodyEvent = z.infer<typeof BodyEventSchema>;
export const DailyEventSchema = dataEvent("daily", DailySchema);
export type DailyEvent = z.infer<typeof DailyEventSchema>;
export const SleepEventSchema = dataEvent("sleep", SleepSchema);
export type SleepEvent = z.infer<typeof SleepEventSchema>;
export const MenstruationEventSchema = dataEvent("menstruation", MenstruationSchema);
export type MenstruationEvent = z.infer<typeof MenstruationEventSchema>;
export const NutritionEventSchema = dataEvent("nutrition", NutritionSchema);
export type NutritionEvent = z.infer<typeof NutritionEventSchema>;

/** Hormone samples (2026): flat samples, no metadata. */
export const HormoneEventSchema = dataEvent("hormone", HormoneSampleSchema);
export type HormoneEvent = z.infer<typeof HormoneEventSchema>;
export const HealthObservationEventSchema = dataEvent("health_observation", HealthObservationSchema);
export type HealthObservationEvent = z.infer<typeof HealthObservationEventSchema>;
export const PlannedWorkoutEventSchema = dataEvent("planned_workout", PlannedWorkoutSchema);
export type PlannedWorkoutEvent = z.infer<typeof PlannedWorkoutEventSchema>;

/** The athlete event carries one profile object, not a `data` array. */
export const AthleteEventSchema = z.looseObject({
  type: z.literal("athlete"),
  status: z.string().nullish(),
  user: TerraUserSchema,
  athlete: AthleteSchema,
  version: z.string().nullish(),
});
export type AthleteEvent = z.infer<typeof AthleteEventSchema>;

/** Lab reports (2026) have no `user`: they are keyed by `event_id` and `upload_id`. */
export const LabReportCompletedEventSchema = z.looseObject({
  type: z.literal("lab_report.completed"),
  event_id: z.string(),
  occurred_at: TimestampSchema,
  upload_id: z.string().nullish(),
  data: LabReportEventDataSchema,
});
export type LabReportCompletedEvent = z.infer<typeof LabReportCompletedEventSchema>;

export const LabReportFailedEventSchema = z.looseObject({
  type: z.literal("lab_report.failed"),
  event_id: z.string(),
  occurred_at: TimestampSchema,
  upload_id: z.string().nullish(),
  data: LabReportFailureDataSchema,
});
export type LabReportFailedEvent = z.infer<typeof LabReportFailedEventSchema>;
