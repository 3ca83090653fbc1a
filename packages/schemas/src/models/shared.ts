import { z } from "zod";
import { Int, Num, TimestampSchema } from "../common.ts";
import {
  ActivityLevelSchema,
  DeviceDataTypeSchema,
  HeartRateContextSchema,
  HeartRateZoneSchema,
  OxygenSaturationTypeSchema,
} from "../enums.ts";

// CONFLICT: the 2026 spec names the level `activity_level`, the 2025 TypeSpec and SDK `level`.
// Both are read; a sample carries one or the other.
export const ActivityLevelSampleSchema = z.looseObject({
  timestamp: TimestampSchema.nullish(),
  activity_level: ActivityLevelSchema.nullish(),
  level: ActivityLevelSchema.nullish(),
  timer_duration_seconds: Num.nullish(),
});
export type ActivityLevelSample = z.infer<typeof ActivityLevelSampleSchema>;

export const ActiveDurationsDataSchema = z.looseObject({
  activity_levels_samples: z.array(ActivityLevelSampleSchema).nullish(),
  activity_seconds: Num.min(0).nullish(),
  inactivity_seconds: Num.min(0).nullish(),
  low_intensity_seconds: Num.min(0).nullish(),
  moderate_intensity_seconds: Num.min(0).nullish(),
  num_continuous_inactive_periods: Int.min(0).nullish(),
  rest_seconds: Num.min(0).nullish(),
  vigorous_intensity_seconds: Num.min(0).nullish(),
  standing_hours_count: Num.nullish(),
  standing_seconds: Num.nullish(),
});
export type ActiveDurationsData = z.infer<typeof ActiveDurationsDataSchema>;

export const CalorieSampleSchema = z.looseObject({
  timestamp: TimestampSchema.nullish(),
  calories: Num.nullish(),
  timer_duration_seconds: Num.nullish(),
});
export type CalorieSample = z.infer<typeof CalorieSampleSchema>;

export const CaloriesDataSchema = z.looseObject({
  BMR_calories: Num.nullish(),
  calorie_samples: z.array(CalorieSampleSchema).nullish(),
  net_activity_calories: Num.nullish(),
  net_intake_calories: Num.nullish(),
  total_burned_calories: Num.nullish(),
});
export type CaloriesData = z.infer<typeof CaloriesDataSchema>;

export const OtherDeviceDataSchema = z.looseObject({
  manufacturer: z.string().nullish(),
  hardware_version: z.string().nullish(),
  serial_number: z.string().nullish(),
  name: z.string().nullish(),
  software_version: z.string().nullish(),
  data_provided: z.array(DeviceDataTypeSchema).nullish(),
  last_upload_date: z.string().nullish(),
  // In the SDK's OtherDeviceData, not in the 2026 spec.
  activation_timestamp: z.string().nullish(),
});
export type OtherDeviceData = z.infer<typeof OtherDeviceDataSchema>;

export const DeviceDataSchema = z.looseObject({
  activation_timestamp: z.string().nullish(),
  data_provided: z.array(DeviceDataTypeSchema).nullish(),
  hardware_version: z.string().nullish(),
  last_upload_date: z.string().nullish(),
  manufacturer: z.string().nullish(),
  name: z.string().nullish(),
  other_devices: z.array(OtherDeviceDataSchema).nullish(),
  serial_number: z.string().nullish(),
  software_version: z.string().nullish(),
  // Body payloads carry it (LLMS docs, seen in payloads); not in the 2026 spec.
  sensor_state: z.string().nullish(),
});
export type DeviceData = z.infer<typeof DeviceDataSchema>;

export const DistanceSampleSchema = z.looseObject({
  timestamp: TimestampSchema.nullish(),
  distance_meters: Num.nullish(),
  timer_duration_seconds: Num.nullish(),
});
export type DistanceSample = z.infer<typeof DistanceSampleSchema>;

export const ElevationSampleSchema = z.looseObject({
  timestamp: TimestampSchema.nullish(),
  elev_meters: Num.nullish(),
  timer_duration_seconds: Num.nullish(),
});
export type ElevationSample = z.infer<typeof ElevationSampleSchema>;

export const FloorsClimbedSampleSchema = z.looseObject({
  timestamp: TimestampSchema.nullish(),
  floors_climbed: Num.nullish(),
  timer_duration_seconds: Num.nullish(),
});
export type FloorsClimbedSample = z.infer<typeof FloorsClimbedSampleSchema>;

export const StepSampleSchema = z.looseObject({
  timestamp: TimestampSchema.nullish(),
  steps: Num.nullish(),
  timer_duration_seconds: Num.nullish(),
});
export type StepSample = z.infer<typeof StepSampleSchema>;

export const DistanceDataDetailedSchema = z.looseObject({
  distance_samples: z.array(DistanceSampleSchema).nullish(),
  elevation_samples: z.array(ElevationSampleSchema).nullish(),
  floors_climbed_samples: z.array(FloorsClimbedSampleSchema).nullish(),
  step_samples: z.array(StepSampleSchema).nullish(),
});
export type DistanceDataDetailed = z.infer<typeof DistanceDataDetailedSchema>;

export const ElevationDataSchema = z.looseObject({
  avg_meters: Num.nullish(),
  gain_actual_meters: Num.min(0).nullish(),
  gain_planned_meters: Num.min(0).nullish(),
  loss_actual_meters: Num.min(0).nullish(),
  max_meters: Num.nullish(),
  min_meters: Num.nullish(),
});
export type ElevationData = z.infer<typeof ElevationDataSchema>;

export const SwimmingDataSchema = z.looseObject({
  num_laps: Int.min(0).nullish(),
  num_strokes: Int.min(0).nullish(),
  pool_length_meters: Int.min(0).nullish(),
});
export type SwimmingData = z.infer<typeof SwimmingDataSchema>;

export const HeartRateDataSampleSchema = z.looseObject({
  timestamp: TimestampSchema.nullish(),
  bpm: Num.nullish(),
  timer_duration_seconds: Num.nullish(),
  context: HeartRateContextSchema.nullish(),
});
export type HeartRateDataSample = z.infer<typeof HeartRateDataSampleSchema>;

export const HeartRateVariabilityDataSampleRMSSDSchema = z.looseObject({
  timestamp: TimestampSchema.nullish(),
  hrv_rmssd: Num.nullish(),
});
export type HeartRateVariabilityDataSampleRMSSD = z.infer<typeof HeartRateVariabilityDataSampleRMSSDSchema>;

export const HeartRateVariabilityDataSampleSDNNSchema = z.looseObject({
  timestamp: TimestampSchema.nullish(),
  hrv_sdnn: Num.nullish(),
});
export type HeartRateVariabilityDataSampleSDNN = z.infer<typeof HeartRateVariabilityDataSampleSDNNSchema>;

export const HeartRateDataDetailedSchema = z.looseObject({
  hr_samples: z.array(HeartRateDataSampleSchema).nullish(),
  hrv_samples_rmssd: z.array(HeartRateVariabilityDataSampleRMSSDSchema).nullish(),
  hrv_samples_sdnn: z.array(HeartRateVariabilityDataSampleSDNNSchema).nullish(),
});
export type HeartRateDataDetailed = z.infer<typeof HeartRateDataDetailedSchema>;

export const HeartRateZoneDataSchema = z.looseObject({
  zone: HeartRateZoneSchema.nullish(),
  start_percentage: Num.min(0).max(100).nullish(),
  end_percentage: Num.min(0).max(100).nullish(),
  name: z.string().nullish(),
  duration_seconds: Num.nullish(),
});
export type HeartRateZoneData = z.infer<typeof HeartRateZoneDataSchema>;

export const HeartRateDataSummarySchema = z.looseObject({
  avg_hr_bpm: Num.min(0).nullish(),
  avg_hrv_rmssd: Num.nullish(),
  avg_hrv_sdnn: Num.nullish(),
  hr_zone_data: z.array(HeartRateZoneDataSchema).nullish(),
  max_hr_bpm: Num.min(0).nullish(),
  min_hr_bpm: Num.min(0).nullish(),
  resting_hr_bpm: Num.min(0).nullish(),
  user_max_hr_bpm: Num.nullish(),
});
export type HeartRateDataSummary = z.infer<typeof HeartRateDataSummarySchema>;

export const HeartRateDataSchema = z.looseObject({
  detailed: HeartRateDataDetailedSchema.nullish(),
  summary: HeartRateDataSummarySchema.nullish(),
});
export type HeartRateData = z.infer<typeof HeartRateDataSchema>;

export const METSampleSchema = z.looseObject({
  timestamp: TimestampSchema.nullish(),
  level: Num.nullish(),
});
export type METSample = z.infer<typeof METSampleSchema>;

export const METDataSchema = z.looseObject({
  MET_samples: z.array(METSampleSchema).nullish(),
  avg_level: Num.nullish(),
  num_high_intensity_minutes: Num.min(0).nullish(),
  num_inactive_minutes: Num.min(0).nullish(),
  num_low_intensity_minutes: Num.min(0).nullish(),
  num_moderate_intensity_minutes: Num.min(0).nullish(),
});
export type METData = z.infer<typeof METDataSchema>;

export const OxygenSaturationSampleSchema = z.looseObject({
  timestamp: TimestampSchema.nullish(),
  percentage: Num.nullish(),
  type: OxygenSaturationTypeSchema.nullish(),
});
export type OxygenSaturationSample = z.infer<typeof OxygenSaturationSampleSchema>;

export const Vo2MaxSampleSchema = z.looseObject({
  timestamp: TimestampSchema.nullish(),
  vo2max_ml_per_min_per_kg: Num.nullish(),
});
export type Vo2MaxSample = z.infer<typeof Vo2MaxSampleSchema>;

export const OxygenDataSchema = z.looseObject({
  avg_saturation_percentage: Num.nullish(),
  saturation_samples: z.array(OxygenSaturationSampleSchema).nullish(),
  vo2_samples: z.array(Vo2MaxSampleSchema).nullish(),
  vo2max_ml_per_min_per_kg: Num.nullish(),
  day_avg_vo2max_ml_per_min_per_kg: Num.nullish(),
});
export type OxygenData = z.infer<typeof OxygenDataSchema>;

export const StrainDataSchema = z.looseObject({
  strain_level: Num.nullish(),
});
export type StrainData = z.infer<typeof StrainDataSchema>;
