import { z } from "zod";
import { ContributorsSchema, Int, Num, TimestampSchema } from "../common.ts";
import { StressLevelSchema, TimestampLocalizationSchema, UploadTypeSchema } from "../enums.ts";
import {
  ActiveDurationsDataSchema,
  CaloriesDataSchema,
  DeviceDataSchema,
  DistanceDataDetailedSchema,
  ElevationDataSchema,
  HeartRateDataSchema,
  METDataSchema,
  OxygenDataSchema,
  StrainDataSchema,
  SwimmingDataSchema,
} from "./shared.ts";

export const BodyBatterySampleSchema = z.looseObject({
  timestamp: TimestampSchema.nullish(),
  level: Num.nullish(),
});
export type BodyBatterySample = z.infer<typeof BodyBatterySampleSchema>;

export const DailyDataEnrichmentSchema = z.looseObject({
  total_stress_score: Num.nullish(),
  stress_contributors: ContributorsSchema.nullish(),
  respiratory_score: Num.nullish(),
  respiratory_contributors: ContributorsSchema.nullish(),
  immune_index: Int.nullish(),
  immune_contributors: ContributorsSchema.nullish(),
  resilience_score: Int.nullish(),
  resilience_contributors: ContributorsSchema.nullish(),
  strain_index: Num.nullish(),
  strain_traffic_light: z.string().nullish(),
  strain_contributors: ContributorsSchema.nullish(),
  total_stress_score_v2: Num.nullish(),
  total_stress_score_v2_contributors: ContributorsSchema.nullish(),
  // Older enrichment shape (SDK 2.0.x), still accepted.
  cardiovascular_score: Num.nullish(),
  cardiovascular_contributors: ContributorsSchema.nullish(),
  readiness_score: Num.nullish(),
  readiness_contributors: ContributorsSchema.nullish(),
  start_time: TimestampSchema.nullish(),
});
export type DailyDataEnrichment = z.infer<typeof DailyDataEnrichmentSchema>;

export const DailyDistanceDataSchema = z.looseObject({
  detailed: DistanceDataDetailedSchema.nullish(),
  distance_meters: Num.nullish(),
  elevation: ElevationDataSchema.nullish(),
  floors_climbed: Int.min(0).nullish(),
  steps: Int.nullish(),
  swimming: SwimmingDataSchema.nullish(),
});
export type DailyDistanceData = z.infer<typeof DailyDistanceDataSchema>;

export const DailyMetadataSchema = z.looseObject({
  end_time: TimestampSchema,
  start_time: TimestampSchema,
  timestamp_localization: TimestampLocalizationSchema.nullish(),
  upload_type: UploadTypeSchema,
});
export type DailyMetadata = z.infer<typeof DailyMetadataSchema>;

export const ScoresDataSchema = z.looseObject({
  activity: Num.min(0).max(100).nullish(),
  recovery: Num.min(0).max(100).nullish(),
  sleep: Num.min(0).max(100).nullish(),
});
export type ScoresData = z.infer<typeof ScoresDataSchema>;

export const StressSampleSchema = z.looseObject({
  timestamp: TimestampSchema.nullish(),
  level: Num.nullish(),
});
export type StressSample = z.infer<typeof StressSampleSchema>;

export const StressDataSchema = z.looseObject({
  avg_stress_level: Num.nullish(),
  activity_stress_duration_seconds: Num.min(0).nullish(),
  low_stress_duration_seconds: Num.min(0).nullish(),
  max_stress_level: Num.nullish(),
  medium_stress_duration_seconds: Num.min(0).nullish(),
  samples: z.array(StressSampleSchema).nullish(),
  rest_stress_duration_seconds: Num.min(0).nullish(),
  high_stress_duration_seconds: Num.min(0).nullish(),
  stress_duration_seconds: Num.min(0).nullish(),
  stress_rating: StressLevelSchema.nullish(),
  body_battery_samples: z.array(BodyBatterySampleSchema).nullish(),
});
export type StressData = z.infer<typeof StressDataSchema>;

export const TagEntrySchema = z.looseObject({
  timestamp: TimestampSchema,
  tag_name: z.string(),
  notes: z.string(),
});
export type TagEntry = z.infer<typeof TagEntrySchema>;

export const TagDataSchema = z.looseObject({
  tags: z.array(TagEntrySchema).nullish(),
});
export type TagData = z.infer<typeof TagDataSchema>;

export const DailySchema = z.looseObject({
  active_durations_data: ActiveDurationsDataSchema.nullish(),
  calories_data: CaloriesDataSchema.nullish(),
  data_enrichment: DailyDataEnrichmentSchema.nullish(),
  device_data: DeviceDataSchema.nullish(),
  distance_data: DailyDistanceDataSchema.nullish(),
  heart_rate_data: HeartRateDataSchema.nullish(),
  MET_data: METDataSchema.nullish(),
  metadata: DailyMetadataSchema,
  oxygen_data: OxygenDataSchema.nullish(),
  scores: ScoresDataSchema.nullish(),
  strain_data: StrainDataSchema.nullish(),
  stress_data: StressDataSchema.nullish(),
  tag_data: TagDataSchema.nullish(),
});
export type Daily = z.infer<typeof DailySchema>;
