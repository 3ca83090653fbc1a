export * from "./api/index.ts";
export { ContributorsSchema, DataContributorSchema } from "./common.ts";
export { MAX_ISSUES, type RecordFailure, type SchemaIssue } from "./detailed.ts";
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
export {
  DATE_PATTERN,
  DateStringSchema,
  explainRefusedTimestamp,
  STANDARD_TIMESTAMP_PATTERN,
  TIMESTAMP_PATTERN,
  TimestampSchema,
} from "./timestamps.ts";
export { SCHEMA_WARNING_CODES, type SchemaWarning, type SchemaWarningCode } from "./tolerance.ts";
