import { z } from "zod";
import { Int, Num, TimestampSchema } from "../common.ts";
import {
  AFibFlagSchema,
  GlucoseFlagSchema,
  KetoneSampleTypeSchema,
  TimestampLocalizationSchema,
  TrendArrowSchema,
} from "../enums.ts";
import { DeviceDataSchema, HeartRateDataSchema, OxygenDataSchema } from "./shared.ts";

export const AFibClassificationSampleSchema = z.looseObject({
  timestamp: TimestampSchema.nullish(),
  afib_classification: AFibFlagSchema.nullish(),
});
export type AFibClassificationSample = z.infer<typeof AFibClassificationSampleSchema>;

export const BloodPressureSampleSchema = z.looseObject({
  timestamp: TimestampSchema.nullish(),
  diastolic_bp: Num.nullish(),
  systolic_bp: Num.nullish(),
});
export type BloodPressureSample = z.infer<typeof BloodPressureSampleSchema>;

export const BloodPressureDataSchema = z.looseObject({
  blood_pressure_samples: z.array(BloodPressureSampleSchema).nullish(),
  day_avg_systolic_bp: Num.nullish(),
  day_avg_diastolic_bp: Num.nullish(),
});
export type BloodPressureData = z.infer<typeof BloodPressureDataSchema>;

export const RawECGSampleSchema = z.looseObject({
  potential_uV: Num.nullish(),
  timestamp: TimestampSchema.nullish(),
});
export type RawECGSample = z.infer<typeof RawECGSampleSchema>;

export const ECGReadingSchema = z.looseObject({
  start_timestamp: TimestampSchema.nullish(),
  avg_hr_bpm: Num.nullish(),
  afib_classification: AFibFlagSchema.nullish(),
  raw_signal: z.array(RawECGSampleSchema).nullish(),
});
export type ECGReading = z.infer<typeof ECGReadingSchema>;

export const PulseVelocitySampleSchema = z.looseObject({
  timestamp: TimestampSchema.nullish(),
  pulse_wave_velocity_meters_per_second: Num.nullish(),
});
export type PulseVelocitySample = z.infer<typeof PulseVelocitySampleSchema>;

export const RRIntervalSampleSchema = z.looseObject({
  rr_interval_ms: Num.nullish(),
  timestamp: TimestampSchema.nullish(),
  hr_bpm: Num.nullish(),
});
export type RRIntervalSample = z.infer<typeof RRIntervalSampleSchema>;

export const HeartDataSchema = z.looseObject({
  afib_classification_samples: z.array(AFibClassificationSampleSchema).nullish(),
  ecg_signal: z.array(ECGReadingSchema).nullish(),
  heart_rate_data: HeartRateDataSchema.nullish(),
  pulse_wave_velocity_samples: z.array(PulseVelocitySampleSchema).nullish(),
  rr_interval_samples: z.array(RRIntervalSampleSchema).nullish(),
});
export type HeartData = z.infer<typeof HeartDataSchema>;

export const HydrationMeasurementSampleSchema = z.looseObject({
  timestamp: TimestampSchema.nullish(),
  hydration_kg: Num.nullish(),
});
export type HydrationMeasurementSample = z.infer<typeof HydrationMeasurementSampleSchema>;

// Listed in Terra's docs (LLMS) under hydration_data, absent from the 2026 spec's HydrationData.
export const HydrationLevelSampleSchema = z.looseObject({
  timestamp: TimestampSchema.nullish(),
  hydration_level: Num.nullish(),
});
export type HydrationLevelSample = z.infer<typeof HydrationLevelSampleSchema>;

export const HydrationDataSchema = z.looseObject({
  day_total_water_consumption_ml: Num.nullish(),
  hydration_amount_samples: z.array(HydrationMeasurementSampleSchema).nullish(),
  day_avg_hydration_kg: Num.nullish(),
  hydration_level_samples: z.array(HydrationLevelSampleSchema).nullish(),
});
export type HydrationData = z.infer<typeof HydrationDataSchema>;

export const KetoneSampleSchema = z.looseObject({
  timestamp: TimestampSchema.nullish(),
  ketone_mg_per_dL: Num.nullish(),
  sample_type: KetoneSampleTypeSchema.nullish(),
});
export type KetoneSample = z.infer<typeof KetoneSampleSchema>;

export const KetoneDataSchema = z.looseObject({
  ketone_samples: z.array(KetoneSampleSchema).nullish(),
  day_avg_ketone_mg_per_dL: Num.nullish(),
});
export type KetoneData = z.infer<typeof KetoneDataSchema>;

export const MeasurementDataSampleSchema = z.looseObject({
  measurement_time: TimestampSchema.nullish(),
  BMI: Num.nullish(),
  BMR: Num.nullish(),
  RMR: Num.nullish(),
  estimated_fitness_age: Int.nullish(),
  skin_fold_mm: Num.nullish(),
  bodyfat_percentage: Num.min(0).max(100).nullish(),
  weight_kg: Num.nullish(),
  height_cm: Num.nullish(),
  bone_mass_g: Num.nullish(),
  muscle_mass_g: Num.nullish(),
  lean_mass_g: Num.nullish(),
  water_percentage: Num.min(0).max(100).nullish(),
  insulin_units: Num.nullish(),
  insulin_type: z.string().nullish(),
  urine_color: z.string().nullish(),
  user_notes: z.string().nullish(),
  visceral_fat_level: Num.nullish(),
  visceral_fat_category: z.string().nullish(),
});
export type MeasurementDataSample = z.infer<typeof MeasurementDataSampleSchema>;

export const MeasurementsDataSchema = z.looseObject({
  measurements: z.array(MeasurementDataSampleSchema).nullish(),
  day_avg_bmi: Num.nullish(),
  day_avg_bmr: Num.nullish(),
  day_avg_rmr: Num.nullish(),
  day_avg_estimated_fitness_age: Num.nullish(),
  day_avg_skin_fold_mm: Num.nullish(),
  day_avg_bodyfat_percentage: Num.nullish(),
  day_avg_weight_kg: Num.nullish(),
  day_avg_height_cm: Num.nullish(),
  day_avg_bone_mass_g: Num.nullish(),
  day_avg_muscle_mass_g: Num.nullish(),
  day_avg_lean_mass_g: Num.nullish(),
  day_avg_water_percentage: Num.nullish(),
  day_avg_insulin_units: Num.nullish(),
  day_avg_visceral_fat_level: Num.nullish(),
});
export type MeasurementsData = z.infer<typeof MeasurementsDataSchema>;

export const BodyMetadataSchema = z.looseObject({
  end_time: TimestampSchema,
  start_time: TimestampSchema,
  timestamp_localization: TimestampLocalizationSchema.nullish(),
});
export type BodyMetadata = z.infer<typeof BodyMetadataSchema>;

export const TemperatureSampleSchema = z.looseObject({
  timestamp: TimestampSchema.nullish(),
  temperature_celsius: Num.nullish(),
});
export type TemperatureSample = z.infer<typeof TemperatureSampleSchema>;

export const TemperatureDataSchema = z.looseObject({
  ambient_temperature_samples: z.array(TemperatureSampleSchema).nullish(),
  body_temperature_samples: z.array(TemperatureSampleSchema).nullish(),
  skin_temperature_samples: z.array(TemperatureSampleSchema).nullish(),
  day_avg_ambient_temperature_celsius: Num.nullish(),
  day_avg_body_temperature_celsius: Num.nullish(),
  day_avg_skin_temperature_celsius: Num.nullish(),
});
export type TemperatureData = z.infer<typeof TemperatureDataSchema>;

export const GlucoseDataSampleSchema = z.looseObject({
  timestamp: TimestampSchema.nullish(),
  blood_glucose_mg_per_dL: Num.nullish(),
  glucose_level_flag: GlucoseFlagSchema.nullish(),
  trend_arrow: TrendArrowSchema.nullish(),
});
export type GlucoseDataSample = z.infer<typeof GlucoseDataSampleSchema>;

export const DailyPatternSampleSchema = z.looseObject({
  time_from_midnight: Int.min(0).max(23).nullish(),
  percentile_5: Num.nullish(),
  percentile_25: Num.nullish(),
  percentile_50: Num.nullish(),
  percentile_75: Num.nullish(),
  percentile_95: Num.nullish(),
});
export type DailyPatternSample = z.infer<typeof DailyPatternSampleSchema>;

export const GlucoseDataSchema = z.looseObject({
  blood_glucose_samples: z.array(GlucoseDataSampleSchema).nullish(),
  detailed_blood_glucose_samples: z.array(GlucoseDataSampleSchema).nullish(),
  day_avg_blood_glucose_mg_per_dL: Num.nullish(),
  day_avg_detailed_blood_glucose_mg_per_dL: Num.nullish(),
  day_avg_blood_glucose_mg_per_dl: Num.nullish().meta({ deprecated: true }),
  gmi: Num.nullish(),
  time_in_range: Num.nullish(),
  sensor_usage: Int.nullish(),
  daily_patterns: z.array(DailyPatternSampleSchema).nullish(),
});
export type GlucoseData = z.infer<typeof GlucoseDataSchema>;

export const BodySchema = z.looseObject({
  blood_pressure_data: BloodPressureDataSchema.nullish(),
  device_data: DeviceDataSchema.nullish(),
  heart_data: HeartDataSchema.nullish(),
  hydration_data: HydrationDataSchema.nullish(),
  ketone_data: KetoneDataSchema.nullish(),
  measurements_data: MeasurementsDataSchema.nullish(),
  metadata: BodyMetadataSchema,
  oxygen_data: OxygenDataSchema.nullish(),
  temperature_data: TemperatureDataSchema.nullish(),
  glucose_data: GlucoseDataSchema.nullish(),
});
export type Body = z.infer<typeof BodySchema>;
