export * from "./api/index.ts";
export {
  ContributorsSchema,
  DATE_PATTERN,
  DataContributorSchema,
  DateStringSchema,
  TIMESTAMP_PATTERN,
  TimestampSchema,
} from "./common.ts";
export * from "./enums.ts";
export * from "./events/index.ts";
export * from "./keys.ts";
export * from "./measurements/index.ts";
export * from "./models/activity.ts";
export * from "./models/athlete.ts";
export * from "./models/body.ts";
export * from "./models/daily.ts";
export * from "./models/health-observation.ts";
export * from "./models/hormone.ts";
export * from "./models/index.ts";
export * from "./models/lab-report.ts";
export * from "./models/menstruation.ts";
export * from "./models/nutrition.ts";
export * from "./models/planned-workout.ts";
export * from "./models/shared.ts";
export * from "./models/sleep.ts";
export * from "./models/user.ts";
export * from "./rest.ts";
