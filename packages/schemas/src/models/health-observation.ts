import { z } from "zod";
import { Num, TimestampSchema } from "../common.ts";
import {
  HealthObservationCategorySchema,
  ObservationSeveritySchema,
  ObservationStatusSchema,
  ObservationValueTypeSchema,
  TimestampLocalizationSchema,
} from "../enums.ts";

export const HealthObservationMetadataSchema = z.looseObject({
  start_time: TimestampSchema,
  end_time: TimestampSchema.nullish(),
  summary_id: z.string(),
  timestamp_localization: TimestampLocalizationSchema.nullish(),
});
export type HealthObservationMetadata = z.infer<typeof HealthObservationMetadataSchema>;

export const ObservationCodeSchema = z.looseObject({
  system: z.string(),
  code: z.string(),
  display: z.string().nullish(),
});
export type ObservationCode = z.infer<typeof ObservationCodeSchema>;

export const ObservationValueSchema = z.looseObject({
  value_type: ObservationValueTypeSchema,
  quantity: Num.nullish(),
  unit: z.string().nullish(),
  boolean: z.boolean().nullish(),
  text: z.string().nullish(),
  code: z.string().nullish(),
});
export type ObservationValue = z.infer<typeof ObservationValueSchema>;

export const ObservationComponentSchema = z.looseObject({
  code: z.string(),
  value: ObservationValueSchema.nullish(),
});
export type ObservationComponent = z.infer<typeof ObservationComponentSchema>;

export const HealthObservationDataSchema = z.looseObject({
  category: HealthObservationCategorySchema.nullish(),
  observation_type: z.string(),
  codes: z.array(ObservationCodeSchema).nullish(),
  value: ObservationValueSchema.nullish(),
  severity: ObservationSeveritySchema.nullish(),
  components: z.array(ObservationComponentSchema).nullish(),
  status: ObservationStatusSchema.nullish(),
  notes: z.string().nullish(),
});
export type HealthObservationData = z.infer<typeof HealthObservationDataSchema>;

export const HealthObservationSchema = z.looseObject({
  metadata: HealthObservationMetadataSchema,
  observation_data: HealthObservationDataSchema,
});
export type HealthObservation = z.infer<typeof HealthObservationSchema>;
