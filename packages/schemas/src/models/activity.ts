import { z } from "zod";
import { ContributorsSchema, Int, Num, TimestampSchema } from "../common.ts";
import { ActivityTypeSchema, TimestampLocalizationSchema, UploadTypeSchema } from "../enums.ts";
import { atMost } from "../tolerance.ts";
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

export const DataEnrichmentSchema = z.looseObject({
  efficiency_score: Num.nullish(),
  efficiency_contributors: ContributorsSchema.nullish(),
  strain_score: Num.nullish(),
  strain_contributors: ContributorsSchema.nullish(),
  rcrs_score: Num.nullish(),
  rcrs_contributors: ContributorsSchema.nullish(),
  trimp_score: Num.nullish(),
  trimp_contributors: ContributorsSchema.nullish(),
  // Older enrichment shape (SDK 2.0.x).
  stress_score: Num.nullish(),
});
export type DataEnrichment = z.infer<typeof DataEnrichmentSchema>;

export const DistanceDataSummarySchema = z.looseObject({
  distance_meters: Num.nullish(),
  elevation: ElevationDataSchema.nullish(),
  floors_climbed: Int.nullish(),
  steps: Int.nullish(),
  swimming: SwimmingDataSchema.nullish(),
});
export type DistanceDataSummary = z.infer<typeof DistanceDataSummarySchema>;

export const DistanceDataSchema = z.looseObject({
  detailed: DistanceDataDetailedSchema.nullish(),
  summary: DistanceDataSummarySchema.nullish(),
});
export type DistanceData = z.infer<typeof DistanceDataSchema>;

export const EnergyDataSchema = z.looseObject({
  energy_kilojoules: Num.nullish(),
  energy_planned_kilojoules: Num.nullish(),
});
export type EnergyData = z.infer<typeof EnergyDataSchema>;

export const LapSampleSchema = z.looseObject({
  calories: Num.nullish(),
  avg_hr_bpm: Num.nullish(),
  start_time: TimestampSchema.nullish(),
  avg_speed_meters_per_second: Num.nullish(),
  distance_meters: Num.nullish(),
  total_strokes: Int.nullish(),
  end_time: TimestampSchema.nullish(),
  stroke_type: z.string().nullish(),
  avg_watts: Num.nullish(),
  active_duration_seconds: Int.nullish(),
  trigger_method: z.string().nullish(),
});
export type LapSample = z.infer<typeof LapSampleSchema>;

export const LapDataSchema = z.looseObject({
  laps: z.array(LapSampleSchema).nullish(),
});
export type LapData = z.infer<typeof LapDataSchema>;

export const ActivityMetadataSchema = z.looseObject({
  city: z.string().nullish(),
  country: z.string().nullish(),
  end_time: TimestampSchema,
  name: z.string().nullish(),
  start_time: TimestampSchema,
  state: z.string().nullish(),
  summary_id: z.string(),
  timestamp_localization: TimestampLocalizationSchema.nullish(),
  type: ActivityTypeSchema,
  upload_type: UploadTypeSchema,
});
export type ActivityMetadata = z.infer<typeof ActivityMetadataSchema>;

export const CadenceSampleSchema = z.looseObject({
  timestamp: TimestampSchema.nullish(),
  cadence_rpm: Num.nullish(),
  timer_duration_seconds: Num.nullish(),
});
export type CadenceSample = z.infer<typeof CadenceSampleSchema>;

export const SpeedSampleSchema = z.looseObject({
  timestamp: TimestampSchema.nullish(),
  speed_meters_per_second: Num.nullish(),
  timer_duration_seconds: Num.nullish(),
});
export type SpeedSample = z.infer<typeof SpeedSampleSchema>;

export const TorqueSampleSchema = z.looseObject({
  timestamp: TimestampSchema.nullish(),
  timer_duration_seconds: Num.nullish(),
  torque_newton_meters: Num.nullish(),
});
export type TorqueSample = z.infer<typeof TorqueSampleSchema>;

export const MovementDataSchema = z.looseObject({
  adjusted_max_speed_meters_per_second: Num.nullish(),
  avg_cadence_rpm: Num.nullish(),
  avg_pace_minutes_per_kilometer: Num.nullish(),
  avg_speed_meters_per_second: Num.nullish(),
  avg_torque_newton_meters: Num.nullish(),
  avg_velocity_meters_per_second: Num.nullish(),
  cadence_samples: z.array(CadenceSampleSchema).nullish(),
  max_cadence_rpm: Num.nullish(),
  max_pace_minutes_per_kilometer: Num.nullish(),
  max_speed_meters_per_second: Num.nullish(),
  max_torque_newton_meters: Num.nullish(),
  max_velocity_meters_per_second: Num.nullish(),
  normalized_speed_meters_per_second: Num.nullish(),
  speed_samples: z.array(SpeedSampleSchema).nullish(),
  torque_samples: z.array(TorqueSampleSchema).nullish(),
});
export type MovementData = z.infer<typeof MovementDataSchema>;

export const PolylineMapDataSchema = z.looseObject({
  summary_polyline: z.string().nullish(),
});
export type PolylineMapData = z.infer<typeof PolylineMapDataSchema>;

export const PositionSampleSchema = z.looseObject({
  timestamp: TimestampSchema.nullish(),
  // `[lat, lng]` (Terra's prefixItems); a further number is kept, with a warning (ADR 0203).
  coords_lat_lng_deg: atMost(
    z.tuple([Num.nullable(), Num.nullable()], Num.nullable()),
    2,
    "coords_lat_lng_deg",
  ).nullish(),
  timer_duration_seconds: Num.nullish(),
});
export type PositionSample = z.infer<typeof PositionSampleSchema>;

// `[lat, lng]`; Terra's field notes say either number may be null, so null elements are accepted,
// and more than two are kept with a warning (ADR 0203).
const latLng = (field: string) => atMost(z.array(Num.nullable()), 2, field).nullish();

export const PositionDataSchema = z.looseObject({
  center_pos_lat_lng_deg: latLng("center_pos_lat_lng_deg"),
  end_pos_lat_lng_deg: latLng("end_pos_lat_lng_deg"),
  position_samples: z.array(PositionSampleSchema).nullish(),
  start_pos_lat_lng_deg: latLng("start_pos_lat_lng_deg"),
});
export type PositionData = z.infer<typeof PositionDataSchema>;

export const PowerSampleSchema = z.looseObject({
  timestamp: TimestampSchema.nullish(),
  watts: Num.nullish(),
  timer_duration_seconds: Num.nullish(),
});
export type PowerSample = z.infer<typeof PowerSampleSchema>;

export const PowerDataSchema = z.looseObject({
  avg_watts: Num.nullish(),
  max_watts: Num.nullish(),
  power_samples: z.array(PowerSampleSchema).nullish(),
});
export type PowerData = z.infer<typeof PowerDataSchema>;

export const TSSSampleSchema = z.looseObject({
  planned: Num.nullish(),
  actual: Num.nullish(),
  method: z.string().nullish(),
  intensity_factor_planned: Num.nullish(),
  intensity_factor_actual: Num.nullish(),
  normalized_power_watts: Num.nullish(),
});
export type TSSSample = z.infer<typeof TSSSampleSchema>;

export const TSSDataSchema = z.looseObject({
  TSS_samples: z.array(TSSSampleSchema).nullish(),
});
export type TSSData = z.infer<typeof TSSDataSchema>;

export const WorkDataSchema = z.looseObject({
  work_kilojoules: Num.nullish(),
});
export type WorkData = z.infer<typeof WorkDataSchema>;

export const ActivitySchema = z.looseObject({
  active_durations_data: ActiveDurationsDataSchema.nullish(),
  calories_data: CaloriesDataSchema.nullish(),
  cheat_detection: Num.nullish(),
  data_enrichment: DataEnrichmentSchema.nullish(),
  device_data: DeviceDataSchema.nullish(),
  distance_data: DistanceDataSchema.nullish(),
  energy_data: EnergyDataSchema.nullish(),
  heart_rate_data: HeartRateDataSchema.nullish(),
  lap_data: LapDataSchema.nullish(),
  MET_data: METDataSchema.nullish(),
  metadata: ActivityMetadataSchema,
  movement_data: MovementDataSchema.nullish(),
  oxygen_data: OxygenDataSchema.nullish(),
  polyline_map_data: PolylineMapDataSchema.nullish(),
  position_data: PositionDataSchema.nullish(),
  power_data: PowerDataSchema.nullish(),
  strain_data: StrainDataSchema.nullish(),
  TSS_data: TSSDataSchema.nullish(),
  work_data: WorkDataSchema.nullish(),
});
export type Activity = z.infer<typeof ActivitySchema>;
