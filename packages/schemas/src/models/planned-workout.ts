import { z } from "zod";
import { Int32, Num } from "../common.ts";
import {
  CompletionConditionTypeSchema,
  DrillTypeSchema,
  EnvironmentTypeSchema,
  StepControlTypeSchema,
  SwimEquipmentTypeSchema,
  SwimStrokeTypeSchema,
  WeightUnitSchema,
  WorkoutSportSchema,
  WorkoutStepIntensitySchema,
  WorkoutStepTargetTypeSchema,
} from "../enums.ts";

export const AthleteMetricsSchema = z.looseObject({
  threshold_heart_rate: Num.nullish(),
  max_heart_rate: Num.nullish(),
  threshold_speed: Num.nullish(),
  ftp: Num.nullish(),
  pool_length_meters: Num.nullish(),
});
export type AthleteMetrics = z.infer<typeof AthleteMetricsSchema>;

export const CompletionConditionSchema = z.looseObject({
  type: CompletionConditionTypeSchema,
  value: Num.nullish(),
  value_low: Num.nullish(),
  value_high: Num.nullish(),
});
export type CompletionCondition = z.infer<typeof CompletionConditionSchema>;

export const IntensityTargetSchema = z.looseObject({
  target_type: WorkoutStepTargetTypeSchema,
  value: Num.nullish(),
  value_low: Num.nullish(),
  value_high: Num.nullish(),
});
export type IntensityTarget = z.infer<typeof IntensityTargetSchema>;

export const PlannedWorkoutDetailsMetadataSchema = z.looseObject({
  id: z.string().nullish(),
  provider: z.string().nullish(),
  name: z.string().nullish(),
  description: z.string().nullish(),
  type: Int32.nullish(),
  planned_date: z.string().nullish(),
  created_date: z.string().nullish(),
  estimated_tss: Num.nullish(),
  estimated_if: Num.nullish(),
  estimated_duration_seconds: Num.nullish(),
  estimated_distance_meters: Num.nullish(),
  estimated_calories: Num.nullish(),
  estimated_elevation_gain_meters: Num.nullish(),
  estimated_energy_kj: Num.nullish(),
  estimated_speed_meters_per_second: Num.nullish(),
  pool_length_meters: Num.nullish(),
});
export type PlannedWorkoutDetailsMetadata = z.infer<typeof PlannedWorkoutDetailsMetadataSchema>;

export const PlannedWorkoutDetailsStepDurationSchema = z.looseObject({
  duration_type: Int32,
  seconds: Num.nullish(),
  distance_meters: Num.nullish(),
  hr_below_bpm: Num.nullish(),
  hr_above_bpm: Num.nullish(),
  calories: Num.nullish(),
  power_below_watts: Num.nullish(),
  power_above_watts: Num.nullish(),
  reps: Num.nullish(),
  rest_seconds: Num.nullish(),
  steps: Num.nullish(),
});
export type PlannedWorkoutDetailsStepDuration = z.infer<typeof PlannedWorkoutDetailsStepDurationSchema>;

export const PlannedWorkoutDetailsStepTargetSchema = z.looseObject({
  target_type: Int32,
  hr_bpm_high: Num.nullish(),
  hr_bpm_low: Num.nullish(),
  cadence: Num.nullish(),
  cadence_high: Num.nullish(),
  cadence_low: Num.nullish(),
  power_watt: Num.nullish(),
  power_watt_high: Num.nullish(),
  power_watt_low: Num.nullish(),
  swim_strokes: Num.nullish(),
  hr_percentage: Num.nullish(),
  hr_percentage_high: Num.nullish(),
  hr_percentage_low: Num.nullish(),
  speed_percentage: Num.nullish(),
  speed_percentage_high: Num.nullish(),
  speed_percentage_low: Num.nullish(),
  power_percentage: Num.nullish(),
  power_percentage_high: Num.nullish(),
  power_percentage_low: Num.nullish(),
  repetitions: Int32.nullish(),
  speed_meters_per_second: Num.nullish(),
  speed_meters_per_second_low: Num.nullish(),
  speed_meters_per_second_high: Num.nullish(),
});
export type PlannedWorkoutDetailsStepTarget = z.infer<typeof PlannedWorkoutDetailsStepTargetSchema>;

// A step can nest steps (repeat blocks), hence the getter: zod's way to declare a recursive shape.
export const PlannedWorkoutDetailsStepSchema = z.looseObject({
  order: Int32.nullish(),
  name: z.string().nullish(),
  description: z.string().nullish(),
  intensity: Int32.nullish(),
  type: Int32.nullish(),
  durations: z.array(PlannedWorkoutDetailsStepDurationSchema).nullish(),
  targets: z.array(PlannedWorkoutDetailsStepTargetSchema).nullish(),
  stroke_type: Int32.nullish(),
  equipment_type: z.array(Int32).nullish(),
  exercise_name: z.string().nullish(),
  exercise_category: Int32.nullish(),
  weight_kg: Num.nullish(),
  get steps(): z.ZodOptional<z.ZodNullable<z.ZodArray<typeof PlannedWorkoutDetailsStepSchema>>> {
    return z.array(PlannedWorkoutDetailsStepSchema).nullish();
  },
});
export type PlannedWorkoutDetailsStep = z.infer<typeof PlannedWorkoutDetailsStepSchema>;

export const PlannedWorkoutDetailsSchema = z.looseObject({
  metadata: PlannedWorkoutDetailsMetadataSchema.nullish(),
  steps: z.array(PlannedWorkoutDetailsStepSchema).nullish(),
});
export type PlannedWorkoutDetails = z.infer<typeof PlannedWorkoutDetailsSchema>;

export const PlannedWorkoutSchema = z.looseObject({
  planned_workout_id: z.string().nullish(),
  workout_id: z.string().nullish(),
  planned_date: z.string().nullish(),
  provider_workout_id: z.string().nullish(),
  coercion_warnings: z.string().nullish(),
  created_at: z.string().nullish(),
  last_updated_at: z.string().nullish(),
  is_external: z.boolean().nullish(),
  athlete_metrics: AthleteMetricsSchema.nullish(),
  details: PlannedWorkoutDetailsSchema.nullish(),
});
export type PlannedWorkout = z.infer<typeof PlannedWorkoutSchema>;

export const StepControlSchema = z.looseObject({
  type: StepControlTypeSchema,
  value: Num,
});
export type StepControl = z.infer<typeof StepControlSchema>;

export const StrengthDataSchema = z.looseObject({
  exercise_name: z.string().nullish(),
  weight: Num.nullish(),
  weight_display_unit: WeightUnitSchema.nullish(),
  exercise_category: z.string().nullish(),
});
export type StrengthData = z.infer<typeof StrengthDataSchema>;

export const SwimStepDataSchema = z.looseObject({
  stroke_type: SwimStrokeTypeSchema.nullish(),
  drill_type: DrillTypeSchema.nullish(),
  equipment: z.array(SwimEquipmentTypeSchema).nullish(),
});
export type SwimStepData = z.infer<typeof SwimStepDataSchema>;

export const WorkoutStepSchema = z.looseObject({
  completion_condition: CompletionConditionSchema,
  intensity_targets: z.array(IntensityTargetSchema).nullish(),
  intensity_type: WorkoutStepIntensitySchema,
  notes: z.string().nullish(),
  controls: z.array(StepControlSchema).nullish(),
  strength: StrengthDataSchema.nullish(),
  swimming: SwimStepDataSchema.nullish(),
});
export type WorkoutStep = z.infer<typeof WorkoutStepSchema>;

export const StepBlockSchema = z.looseObject({
  completion_condition: CompletionConditionSchema,
  steps: z.array(WorkoutStepSchema),
});
export type StepBlock = z.infer<typeof StepBlockSchema>;

export const WorkoutTemplateSchema = z.looseObject({
  name: z.string(),
  description: z.string().nullish(),
  sport: WorkoutSportSchema,
  environment: EnvironmentTypeSchema.nullish(),
  pool_length_meters: Num.nullish(),
  step_blocks: z.array(StepBlockSchema),
  estimated_duration_seconds: Num.nullish(),
  estimated_distance_meters: Num.nullish(),
  estimated_calories: Num.nullish(),
  workout_id: z.string().nullish(),
});
export type WorkoutTemplate = z.infer<typeof WorkoutTemplateSchema>;
