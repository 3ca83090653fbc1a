import { z } from "zod";
import { DateStringSchema, Int, TimestampSchema } from "../common.ts";
import {
  MenstrualPhaseSchema,
  MenstruationFlowSchema,
  MenstruationIntervalSchema,
  TimestampLocalizationSchema,
} from "../enums.ts";

export const MenstruationMetadataSchema = z.looseObject({
  end_time: TimestampSchema,
  start_time: TimestampSchema,
  timestamp_localization: TimestampLocalizationSchema.nullish(),
});
export type MenstruationMetadata = z.infer<typeof MenstruationMetadataSchema>;

export const MenstruationFlowSampleSchema = z.looseObject({
  timestamp: TimestampSchema.nullish(),
  flow: MenstruationFlowSchema.nullish(),
});
export type MenstruationFlowSample = z.infer<typeof MenstruationFlowSampleSchema>;

export const MenstruationIntervalSampleSchema = z.looseObject({
  start_timestamp: TimestampSchema.nullish(),
  end_timestamp: TimestampSchema.nullish(),
  phase: MenstruationIntervalSchema.nullish(),
});
export type MenstruationIntervalSample = z.infer<typeof MenstruationIntervalSampleSchema>;

export const MenstruationDataSchema = z.looseObject({
  period_length_days: Int.nullish(),
  // CONFLICT: an integer MenstruationInterval (2026 spec and its example) or, in older payloads,
  // a string MenstrualPhase such as "follicular".
  current_phase: z.union([MenstruationIntervalSchema, MenstrualPhaseSchema]).nullish(),
  length_of_current_phase_days: Int.nullish(),
  days_until_next_phase: Int.nullish(),
  period_start_date: DateStringSchema.nullish(),
  predicted_cycle_length_days: Int.nullish(),
  day_in_cycle: Int.nullish(),
  last_updated_time: TimestampSchema.nullish(),
  cycle_length_days: Int.nullish(),
  is_predicted_cycle: z.boolean().nullish(),
  menstruation_flow: z.array(MenstruationFlowSampleSchema).nullish(),
  intervals: z.array(MenstruationIntervalSampleSchema).nullish(),
  fertility_window_start: DateStringSchema.nullish(),
  fertility_window_end: DateStringSchema.nullish(),
  ovulation_day: DateStringSchema.nullish(),
});
export type MenstruationData = z.infer<typeof MenstruationDataSchema>;

export const MenstruationSchema = z.looseObject({
  metadata: MenstruationMetadataSchema,
  menstruation_data: MenstruationDataSchema.nullish(),
});
export type Menstruation = z.infer<typeof MenstruationSchema>;
