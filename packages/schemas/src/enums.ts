// Terra's integer (and a few string) enums, as const objects with Terra's names plus open zod schemas:
// the type names the known codes (`AFibFlag | (number & {})`), and a code Terra adds later is accepted
// with a warning (tolerance.ts, ADR 0203); `isKnown(AFibFlag, v)` narrows to the known ones. Names and
// values follow Terra's v2 JSON Schemas; 0 is a real value in most of them, so never test an enum
// value for truthiness.
import { openEnum } from "./tolerance.ts";

export * from "./activity-type.ts";
export { isKnown } from "./tolerance.ts";

/** Flag indicating the atrial fibrillation classification of the individual */
export const AFibFlag = {
  NEGATIVE: 0,
  POSITIVE: 1,
  INCONCLUSIVE: 2,
} as const;
export type AFibFlag = (typeof AFibFlag)[keyof typeof AFibFlag];
export const AFibFlagSchema = openEnum(AFibFlag, "AFibFlag");

/** Intensity of the user's activity at an instant in time */
export const ActivityLevel = {
  UNKNOWN: 0,
  REST: 1,
  INACTIVE: 2,
  LOW_INTENSITY: 3,
  MEDIUM_INTENSITY: 4,
  HIGH_INTENSITY: 5,
} as const;
export type ActivityLevel = (typeof ActivityLevel)[keyof typeof ActivityLevel];
export const ActivityLevelSchema = openEnum(ActivityLevel, "ActivityLevel");

/** How a step or block is considered complete */
export const CompletionConditionType = {
  TIME: "time",
  DISTANCE: "distance",
  HR: "hr",
  CALORIES: "calories",
  OPEN: "open",
  POWER: "power",
  REPS: "reps",
  HR_PERCENTAGE: "hr_percentage",
  POWER_PERCENTAGE: "power_percentage",
  HR_LESS_THAN: "hr_less_than",
  HR_GREATER_THAN: "hr_greater_than",
} as const;
export type CompletionConditionType = (typeof CompletionConditionType)[keyof typeof CompletionConditionType];
export const CompletionConditionTypeSchema = openEnum(CompletionConditionType, "CompletionConditionType");

/** Represents data types that a certain device contributed to. */
export const DeviceDataType = {
  STEPS: "STEPS",
  ACTIVE_MINUTES: "ACTIVE_MINUTES",
  BMR: "BMR",
  CALORIES: "CALORIES",
  DISTANCE: "DISTANCE",
  HEART_RATE: "HEART_RATE",
  OXYGEN_SATURATION: "OXYGEN_SATURATION",
  SLEEP_TYPE: "SLEEP_TYPE",
  SPEED: "SPEED",
  CADENCE: "CADENCE",
} as const;
export type DeviceDataType = (typeof DeviceDataType)[keyof typeof DeviceDataType];
export const DeviceDataTypeSchema = openEnum(DeviceDataType, "DeviceDataType");

/** Swim drill type */
export const DrillType = {
  KICK: "kick",
  PULL: "pull",
  DRILL: "drill",
} as const;
export type DrillType = (typeof DrillType)[keyof typeof DrillType];
export const DrillTypeSchema = openEnum(DrillType, "DrillType");

/** Environment a workout takes place in */
export const EnvironmentType = {
  INDOOR: "indoor",
  OUTDOOR: "outdoor",
  POOL: "pool",
} as const;
export type EnvironmentType = (typeof EnvironmentType)[keyof typeof EnvironmentType];
export const EnvironmentTypeSchema = openEnum(EnvironmentType, "EnvironmentType");

/** Flag indicating state of user's blood glucose level */
export const GlucoseFlag = {
  NORMAL: 0,
  HIGH: 1,
  LOW: 2,
} as const;
export type GlucoseFlag = (typeof GlucoseFlag)[keyof typeof GlucoseFlag];
export const GlucoseFlagSchema = openEnum(GlucoseFlag, "GlucoseFlag");

export const HealthObservationCategory = {
  UNSPECIFIED: 0,
  SYMPTOM: 1,
  REPRODUCTIVE_HEALTH: 2,
  SELF_CARE: 3,
  MEDICATION: 4,
  LAB_HEALTH_METRICS: 5,
  STATE_OF_MIND: 6,
  DEVICE_EVENT: 7,
  CLINICAL: 8,
} as const;
export type HealthObservationCategory =
  (typeof HealthObservationCategory)[keyof typeof HealthObservationCategory];
export const HealthObservationCategorySchema = openEnum(
  HealthObservationCategory,
  "HealthObservationCategory",
);

/** Represents the context in which heart rate was measured. */
export const HeartRateContext = {
  NOT_SET: 0,
  ACTIVE: 1,
  NOT_ACTIVE: 2,
} as const;
export type HeartRateContext = (typeof HeartRateContext)[keyof typeof HeartRateContext];
export const HeartRateContextSchema = openEnum(HeartRateContext, "HeartRateContext");

/** Represents the heart rate zone the user is currently in during a workout or activity */
export const HeartRateZone = {
  ZONE_0: 0,
  ZONE_1: 1,
  ZONE_2: 2,
  ZONE_3: 3,
  ZONE_4: 4,
  ZONE_5: 5,
  OTHER: 6,
} as const;
export type HeartRateZone = (typeof HeartRateZone)[keyof typeof HeartRateZone];
export const HeartRateZoneSchema = openEnum(HeartRateZone, "HeartRateZone");

/** Flag indicating the ketone sample type (e.g. blood, breath, urine) */
export const KetoneSampleType = {
  UNKNOWN: 0,
  BLOOD: 1,
  URINE: 2,
  BREATH: 3,
} as const;
export type KetoneSampleType = (typeof KetoneSampleType)[keyof typeof KetoneSampleType];
export const KetoneSampleTypeSchema = openEnum(KetoneSampleType, "KetoneSampleType");

/** Enum representing the category the consumed food/meal falls under (i.e. Breakfast/Lunch/Dinner etc) */
export const MealType = {
  UNKNOWN: 0,
  BREAKFAST: 1,
  MORNING_SNACK: 2,
  LUNCH: 3,
  AFTERNOON_SNACK: 4,
  DINNER: 5,
  SNACK: 6,
} as const;
export type MealType = (typeof MealType)[keyof typeof MealType];
export const MealTypeSchema = openEnum(MealType, "MealType");

/** Flag indicating the strength of the user's menstrual flow */
export const MenstruationFlow = {
  UNKNOWN: 0,
  NONE: 1,
  LIGHT: 2,
  MEDIUM: 3,
  HEAVY: 4,
  HAD: 5,
} as const;
export type MenstruationFlow = (typeof MenstruationFlow)[keyof typeof MenstruationFlow];
export const MenstruationFlowSchema = openEnum(MenstruationFlow, "MenstruationFlow");

/** Represents menstrual cycle phases. */
export const MenstruationInterval = {
  UNKNOWN: 0,
  PERIOD: 1,
  FOLLICULAR: 2,
  FERTILE_WINDOW: 3,
  OVULATION: 4,
  LUTEAL: 5,
  PMS: 6,
  FIRST_TRIMESTER: 7,
  SECOND_TRIMESTER: 8,
  THIRD_TRIMESTER: 9,
} as const;
export type MenstruationInterval = (typeof MenstruationInterval)[keyof typeof MenstruationInterval];
export const MenstruationIntervalSchema = openEnum(MenstruationInterval, "MenstruationInterval");

/** Represents units used for nutrition measurements */
export const NutritionUnits = {
  UNKNOWN: 0,
  GRAM: 1,
  TEASPOON: 2,
  TABLESPOON: 3,
  CUP: 4,
  MEDIUM_EGG: 5,
  LARGE_EGG: 6,
  SMALL_EGG: 7,
  MILLILITER: 8,
  OUNCE: 9,
  COUNT: 10,
  SCOOP: 11,
  FLUID_OUNCE: 12,
} as const;
export type NutritionUnits = (typeof NutritionUnits)[keyof typeof NutritionUnits];
export const NutritionUnitsSchema = openEnum(NutritionUnits, "NutritionUnits");

export const ObservationSeverity = {
  UNSPECIFIED: 0,
  NOT_PRESENT: 1,
  MILD: 2,
  MODERATE: 3,
  SEVERE: 4,
} as const;
export type ObservationSeverity = (typeof ObservationSeverity)[keyof typeof ObservationSeverity];
export const ObservationSeveritySchema = openEnum(ObservationSeverity, "ObservationSeverity");

export const ObservationStatus = {
  UNSPECIFIED: 0,
  FINAL: 1,
  AMENDED: 2,
  ENTERED_IN_ERROR: 3,
} as const;
export type ObservationStatus = (typeof ObservationStatus)[keyof typeof ObservationStatus];
export const ObservationStatusSchema = openEnum(ObservationStatus, "ObservationStatus");

export const ObservationValueType = {
  NONE: 0,
  QUANTITY: 1,
  BOOLEAN: 2,
  STRING: 3,
  CODE: 4,
} as const;
export type ObservationValueType = (typeof ObservationValueType)[keyof typeof ObservationValueType];
export const ObservationValueTypeSchema = openEnum(ObservationValueType, "ObservationValueType");

/** Type of oxygen saturation measurement (i.e. blood vs muscle) */
export const OxygenSaturationType = {
  BLOOD: 0,
  MUSCLE: 1,
} as const;
export type OxygenSaturationType = (typeof OxygenSaturationType)[keyof typeof OxygenSaturationType];
export const OxygenSaturationTypeSchema = openEnum(OxygenSaturationType, "OxygenSaturationType");

/** User's recovery score for a given day, resulting from the sleep session */
export const RecoveryLevel = {
  UNKNOWN: 0,
  VERY_POOR: 1,
  POOR: 2,
  COMPROMISED: 3,
  OK: 4,
  GOOD: 5,
  VERY_GOOD: 6,
} as const;
export type RecoveryLevel = (typeof RecoveryLevel)[keyof typeof RecoveryLevel];
export const RecoveryLevelSchema = openEnum(RecoveryLevel, "RecoveryLevel");

/** Represents the sleep level of the user during a sleep session, indicating the depth and quality of sleep */
export const SleepLevel = {
  UNKNOWN: 0,
  AWAKE: 1,
  SLEEPING: 2,
  OUT_OF_BED: 3,
  LIGHT_SLEEP: 4,
  DEEP_SLEEP: 5,
  REM_SLEEP: 6,
} as const;
export type SleepLevel = (typeof SleepLevel)[keyof typeof SleepLevel];
export const SleepLevelSchema = openEnum(SleepLevel, "SleepLevel");

/** The upload type for the associated workout, providing information on whether this was an automatic workout or user-entered */
export const SleepUploadType = {
  UNKNOWN: 0,
  MANUAL: 1,
  AUTOMATIC: 2,
  TENTATIVE: 3,
  INDETERMINATE: 4,
} as const;
export type SleepUploadType = (typeof SleepUploadType)[keyof typeof SleepUploadType];
export const SleepUploadTypeSchema = openEnum(SleepUploadType, "SleepUploadType");

/** Equipment control adjusted during a step (e.g. treadmill incline) */
export const StepControlType = {
  GRADE: "grade",
  RESISTANCE: "resistance",
} as const;
export type StepControlType = (typeof StepControlType)[keyof typeof StepControlType];
export const StepControlTypeSchema = openEnum(StepControlType, "StepControlType");

/** Represents stress level ranges. */
export const StressLevel = {
  UNKNOWN: 0,
  REST: 1,
  LOW: 2,
  MEDIUM: 3,
  HIGH: 4,
} as const;
export type StressLevel = (typeof StressLevel)[keyof typeof StressLevel];
export const StressLevelSchema = openEnum(StressLevel, "StressLevel");

/** Stroke type used for the workout step (e.g. breaststroke) */
export const StrokeType = {
  OTHER: "other",
  FREESTYLE: "freestyle",
  BACKSTROKE: "backstroke",
  BREASTSTROKE: "breaststroke",
  BUTTERFLY: "butterfly",
} as const;
export type StrokeType = (typeof StrokeType)[keyof typeof StrokeType];
export const StrokeTypeSchema = openEnum(StrokeType, "StrokeType");

/** Swim equipment used during a step */
export const SwimEquipmentType = {
  NONE: "none",
  SWIM_FINS: "swim_fins",
  SWIM_KICKBOARD: "swim_kickboard",
  SWIM_PADDLES: "swim_paddles",
  SWIM_PULL_BUOY: "swim_pull_buoy",
  SWIM_SNORKEL: "swim_snorkel",
} as const;
export type SwimEquipmentType = (typeof SwimEquipmentType)[keyof typeof SwimEquipmentType];
export const SwimEquipmentTypeSchema = openEnum(SwimEquipmentType, "SwimEquipmentType");

/** Swim stroke for a swimming step */
export const SwimStrokeType = {
  BACKSTROKE: "backstroke",
  BREASTSTROKE: "breaststroke",
  DRILL: "drill",
  BUTTERFLY: "butterfly",
  FREESTYLE: "freestyle",
  MIXED: "mixed",
  IM: "im",
} as const;
export type SwimStrokeType = (typeof SwimStrokeType)[keyof typeof SwimStrokeType];
export const SwimStrokeTypeSchema = openEnum(SwimStrokeType, "SwimStrokeType");

/** Indicates whether the timestamps in this payload are localized (LOCAL) or in UTC. */
export const TimestampLocalization = {
  UTC: 0,
  LOCAL: 1,
} as const;
export type TimestampLocalization = (typeof TimestampLocalization)[keyof typeof TimestampLocalization];
export const TimestampLocalizationSchema = openEnum(TimestampLocalization, "TimestampLocalization");

/** Flag indicating the current trend in the user's blood glucose level (e.g. rising, constant, falling) */
export const TrendArrow = {
  UNKNOWN: 0,
  FALLING_QUICKLY: 1,
  FALLING: 2,
  FLAT: 3,
  RISING: 4,
  RISING_QUICKLY: 5,
} as const;
export type TrendArrow = (typeof TrendArrow)[keyof typeof TrendArrow];
export const TrendArrowSchema = openEnum(TrendArrow, "TrendArrow");

/** The type of upload for the associated workout, providing information on how the workout data was recorded or entered */
export const UploadType = {
  UNKNOWN: 0,
  AUTOMATIC: 1,
  MANUAL: 2,
  UPDATE: 3,
  DELETE: 4,
  PENDING: 5,
  THIRD_PARTY_UPLOAD: 6,
} as const;
export type UploadType = (typeof UploadType)[keyof typeof UploadType];
export const UploadTypeSchema = openEnum(UploadType, "UploadType");

/** Weight display unit for strength exercises */
export const WeightUnit = {
  KG: "kg",
  LBS: "lbs",
} as const;
export type WeightUnit = (typeof WeightUnit)[keyof typeof WeightUnit];
export const WeightUnitSchema = openEnum(WeightUnit, "WeightUnit");

/** Sport a workout template targets. Indoor/outdoor is expressed separately via environment. */
export const WorkoutSport = {
  RUNNING: "running",
  CYCLING: "cycling",
  SWIMMING: "swimming",
  STRENGTH: "strength",
  ROWING: "rowing",
  YOGA: "yoga",
  PILATES: "pilates",
  CARDIO: "cardio",
  TRAIL_RUNNING: "trail_running",
  MOUNTAIN_BIKING: "mountain_biking",
  BACKCOUNTRY_SKIING: "backcountry_skiing",
  HIKING: "hiking",
  WALKING: "walking",
  ELLIPTICAL: "elliptical",
  STAIR_CLIMBING: "stair_climbing",
} as const;
export type WorkoutSport = (typeof WorkoutSport)[keyof typeof WorkoutSport];
export const WorkoutSportSchema = openEnum(WorkoutSport, "WorkoutSport");

/** Intensity classification of a workout step */
export const WorkoutStepIntensity = {
  REST: "rest",
  WARMUP: "warmup",
  COOLDOWN: "cooldown",
  RECOVERY: "recovery",
  ACTIVE: "active",
} as const;
export type WorkoutStepIntensity = (typeof WorkoutStepIntensity)[keyof typeof WorkoutStepIntensity];
export const WorkoutStepIntensitySchema = openEnum(WorkoutStepIntensity, "WorkoutStepIntensity");

/** Quantity an intensity target constrains */
export const WorkoutStepTargetType = {
  SPEED: "speed",
  HEART_RATE: "heart_rate",
  OPEN: "open",
  CADENCE: "cadence",
  POWER: "power",
  SWIM_STROKE: "swim_stroke",
  SPEED_LAP: "speed_lap",
  HEART_RATE_LAP: "heart_rate_lap",
  PACE: "pace",
  HEART_RATE_THRESHOLD_PERCENTAGE: "heart_rate_threshold_percentage",
  HEART_RATE_MAX_PERCENTAGE: "heart_rate_max_percentage",
} as const;
export type WorkoutStepTargetType = (typeof WorkoutStepTargetType)[keyof typeof WorkoutStepTargetType];
export const WorkoutStepTargetTypeSchema = openEnum(WorkoutStepTargetType, "WorkoutStepTargetType");

/** Older string phase of `menstruation_data.current_phase` (2025 TypeSpec, SDK 2.0.x). */
export const MenstrualPhase = {
  MENSTRUAL: "menstrual",
  FOLLICULAR: "follicular",
  OVULATION: "ovulation",
  LUTEAL: "luteal",
  PMS: "pms",
  FERTILE: "fertile",
  FIRST_TRIMESTER: "first_trimester",
  SECOND_TRIMESTER: "second_trimester",
  THIRD_TRIMESTER: "third_trimester",
  UNKNOWN: "unknown",
} as const;
export type MenstrualPhase = (typeof MenstrualPhase)[keyof typeof MenstrualPhase];
export const MenstrualPhaseSchema = openEnum(MenstrualPhase, "MenstrualPhase");
