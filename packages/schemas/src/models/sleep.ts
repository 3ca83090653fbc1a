import { z } from "zod";
import { ContributorsSchema, Int, Num, TimestampSchema } from "../common.ts";
import {
  RecoveryLevelSchema,
  SleepLevelSchema,
  SleepUploadTypeSchema,
  TimestampLocalizationSchema,
} from "../enums.ts";
import { DeviceDataSchema, HeartRateDataSchema, OxygenSaturationSampleSchema } from "./shared.ts";

export const AsleepDurationsSchema = z.looseObject({
  duration_asleep_state_seconds: Num.nullish(),
  duration_deep_sleep_state_seconds: Num.nullish(),
  duration_light_sleep_state_seconds: Num.nullish(),
  duration_REM_sleep_state_seconds: Num.nullish(),
  num_REM_events: Int.nullish(),
});
export type AsleepDurations = z.infer<typeof AsleepDurationsSchema>;

export const AwakeDurationsSchema = z.looseObject({
  duration_awake_state_seconds: Num.nullish(),
  duration_long_interruption_seconds: Num.nullish(),
  duration_short_interruption_seconds: Num.nullish(),
  num_out_of_bed_events: Int.nullish(),
  num_wakeup_events: Int.nullish(),
  sleep_latency_seconds: Num.nullish(),
  wake_up_latency_seconds: Num.nullish(),
});
export type AwakeDurations = z.infer<typeof AwakeDurationsSchema>;

export const BreathSampleSchema = z.looseObject({
  timestamp: TimestampSchema.nullish(),
  breaths_per_min: Num.nullish(),
});
export type BreathSample = z.infer<typeof BreathSampleSchema>;

export const BreathsDataSchema = z.looseObject({
  avg_breaths_per_min: Num.nullish(),
  max_breaths_per_min: Num.nullish(),
  min_breaths_per_min: Num.nullish(),
  on_demand_reading: z.boolean().nullish(),
  samples: z.array(BreathSampleSchema).nullish(),
  start_time: TimestampSchema.nullish(),
  end_time: TimestampSchema.nullish(),
});
export type BreathsData = z.infer<typeof BreathsDataSchema>;

export const OtherSleepDurationsSchema = z.looseObject({
  duration_in_bed_seconds: Num.nullish(),
  duration_unmeasurable_sleep_seconds: Num.nullish(),
});
export type OtherSleepDurations = z.infer<typeof OtherSleepDurationsSchema>;

export const OxygenSaturationDataSchema = z.looseObject({
  avg_saturation_percentage: Num.nullish(),
  end_time: TimestampSchema.nullish(),
  samples: z.array(OxygenSaturationSampleSchema).nullish(),
  start_time: TimestampSchema.nullish(),
});
export type OxygenSaturationData = z.infer<typeof OxygenSaturationDataSchema>;

export const ReadinessDataSchema = z.looseObject({
  readiness: Num.min(0).max(100).nullish(),
  // The 2026 spec types it as a plain number; the 2025 TypeSpec and the published RecoveryLevel
  // enum give it as a level 0–6, which is what is checked.
  recovery_level: RecoveryLevelSchema.nullish(),
});
export type ReadinessData = z.infer<typeof ReadinessDataSchema>;

export const SnoringSampleSchema = z.looseObject({
  timestamp: TimestampSchema.nullish(),
  duration_seconds: Num.nullish(),
});
export type SnoringSample = z.infer<typeof SnoringSampleSchema>;

export const SnoringDataSchema = z.looseObject({
  start_time: TimestampSchema.nullish(),
  end_time: TimestampSchema.nullish(),
  num_snoring_events: Int.nullish(),
  samples: z.array(SnoringSampleSchema).nullish(),
  total_snoring_duration_seconds: Num.nullish(),
});
export type SnoringData = z.infer<typeof SnoringDataSchema>;

export const RespirationDataSchema = z.looseObject({
  breaths_data: BreathsDataSchema.nullish(),
  oxygen_saturation_data: OxygenSaturationDataSchema.nullish(),
  snoring_data: SnoringDataSchema.nullish(),
});
export type RespirationData = z.infer<typeof RespirationDataSchema>;

export const SleepDataEnrichmentSchema = z.looseObject({
  sleep_score: Num.nullish(),
  sleep_contributors: ContributorsSchema.nullish(),
  readiness_score: Num.nullish(),
  readiness_contributors: ContributorsSchema.nullish(),
  sleep_score_v2: Num.nullish(),
  sleep_score_v2_contributors: ContributorsSchema.nullish(),
  respiratory_score_v2: Num.nullish(),
  respiratory_score_v2_contributors: ContributorsSchema.nullish(),
});
export type SleepDataEnrichment = z.infer<typeof SleepDataEnrichmentSchema>;

export const SleepMetadataSchema = z.looseObject({
  end_time: TimestampSchema,
  is_nap: z.boolean().nullish(),
  start_time: TimestampSchema,
  summary_id: z.string().nullish(),
  timestamp_localization: TimestampLocalizationSchema.nullish(),
  upload_type: SleepUploadTypeSchema,
});
export type SleepMetadata = z.infer<typeof SleepMetadataSchema>;

export const SleepScoresSchema = z.looseObject({
  sleep: Num.nullish(),
});
export type SleepScores = z.infer<typeof SleepScoresSchema>;

export const SleepHypnogramSampleSchema = z.looseObject({
  timestamp: TimestampSchema.nullish(),
  level: SleepLevelSchema.nullish(),
});
export type SleepHypnogramSample = z.infer<typeof SleepHypnogramSampleSchema>;

export const SleepDurationsDataSchema = z.looseObject({
  asleep: AsleepDurationsSchema.nullish(),
  awake: AwakeDurationsSchema.nullish(),
  hypnogram_samples: z.array(SleepHypnogramSampleSchema).nullish(),
  other: OtherSleepDurationsSchema.nullish(),
  sleep_efficiency: Num.min(0).max(100).nullish(),
});
export type SleepDurationsData = z.infer<typeof SleepDurationsDataSchema>;

export const SleepTemperatureDataSchema = z.looseObject({
  delta: Num.nullish(),
});
export type SleepTemperatureData = z.infer<typeof SleepTemperatureDataSchema>;

export const SleepSchema = z.looseObject({
  data_enrichment: SleepDataEnrichmentSchema.nullish(),
  device_data: DeviceDataSchema.nullish(),
  heart_rate_data: HeartRateDataSchema.nullish(),
  metadata: SleepMetadataSchema,
  readiness_data: ReadinessDataSchema.nullish(),
  respiration_data: RespirationDataSchema.nullish(),
  scores: SleepScoresSchema.nullish(),
  sleep_durations_data: SleepDurationsDataSchema.nullish(),
  temperature_data: SleepTemperatureDataSchema.nullish(),
});
export type Sleep = z.infer<typeof SleepSchema>;
