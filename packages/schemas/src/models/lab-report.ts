import { z } from "zod";
import { Int, Num, TimestampSchema } from "../common.ts";

export const LabReportAppliedRangeSchema = z.looseObject({
  lower: Num.nullish(),
  upper: Num.nullish(),
});
export type LabReportAppliedRange = z.infer<typeof LabReportAppliedRangeSchema>;

export const LabReportFileSchema = z.looseObject({
  filename: z.string().nullish(),
  presigned_url: z.string(),
});
export type LabReportFile = z.infer<typeof LabReportFileSchema>;

export const LabReportArtifactsResponseSchema = z.looseObject({
  artifacts: z.array(LabReportFileSchema),
  expires_at: TimestampSchema.nullish(),
});
export type LabReportArtifactsResponse = z.infer<typeof LabReportArtifactsResponseSchema>;

export const LabReportBiomarkerSchema = z.looseObject({
  key: z.string().nullable(),
  display_name: z.string().nullish(),
  loinc_code: z.string().nullish(),
  panel_id: Int.nullish(),
  panel_key: z.string().nullish(),
  specimen: z.string().nullish(),
});
export type LabReportBiomarker = z.infer<typeof LabReportBiomarkerSchema>;

export const LabReportBoundedValueSchema = z.looseObject({
  operator: z.string(),
  value: Num,
});
export type LabReportBoundedValue = z.infer<typeof LabReportBoundedValueSchema>;

export const LabReportResultSourceSchema = z.looseObject({
  name: z.string().nullish(),
  panel: z.string().nullish(),
  value: z.string().nullish(),
  units: z.string().nullish(),
  flag: z.string().nullish(),
  method: z.string().nullish(),
  notes: z.string().nullish(),
  reference_text: z.string().nullish(),
});
export type LabReportResultSource = z.infer<typeof LabReportResultSourceSchema>;

export const LabReportEventResultSourceSchema = LabReportResultSourceSchema.extend({
  collection_date: z.string().nullish(),
  collection_time: z.string().nullish(),
});
export type LabReportEventResultSource = z.infer<typeof LabReportEventResultSourceSchema>;

export const LabReportQualitativeValueSchema = z.looseObject({
  text: z.string().nullish(),
  code: z.string().nullish(),
});
export type LabReportQualitativeValue = z.infer<typeof LabReportQualitativeValueSchema>;

export const LabReportMeasurementSchema = z.looseObject({
  type: z.string(),
  numeric: Num.nullish(),
  bounded: LabReportBoundedValueSchema.nullish(),
  qualitative: LabReportQualitativeValueSchema.nullish(),
  text: z.string().nullish(),
  absent_reason: z.string().nullish(),
  units: z.string().nullish(),
  ucum_code: z.string().nullish(),
});
export type LabReportMeasurement = z.infer<typeof LabReportMeasurementSchema>;

export const LabReportInterpretationSchema = z.looseObject({
  flag: z.string().nullable(),
  flag_raw: z.string().nullish(),
  source: z.string(),
  applied_range: LabReportAppliedRangeSchema.nullish(),
});
export type LabReportInterpretation = z.infer<typeof LabReportInterpretationSchema>;

export const LabReportRangeContextSchema = z.looseObject({
  sex: z.string().nullish(),
  age_lower: Int.nullish(),
  age_upper: Int.nullish(),
  pregnancy_status: z.string().nullish(),
  gestational_week_lower: Int.nullish(),
  gestational_week_upper: Int.nullish(),
  cycle_phase: z.string().nullish(),
  reference_population: z.string().nullish(),
  modifiers: z.array(z.string()).nullish(),
});
export type LabReportRangeContext = z.infer<typeof LabReportRangeContextSchema>;

export const LabReportReferenceRangeSchema = z.looseObject({
  lower: Num.nullish(),
  upper: Num.nullish(),
  type: z.string().nullish(),
  context: LabReportRangeContextSchema.nullish(),
});
export type LabReportReferenceRange = z.infer<typeof LabReportReferenceRangeSchema>;

export const LabReportResultSchema = z.looseObject({
  source: LabReportResultSourceSchema,
  biomarker: LabReportBiomarkerSchema,
  measurement: LabReportMeasurementSchema,
  interpretation: LabReportInterpretationSchema,
  reference_ranges: z.array(LabReportReferenceRangeSchema).nullish(),
});
export type LabReportResult = z.infer<typeof LabReportResultSchema>;

export const LabReportEventResultSchema = LabReportResultSchema.extend({
  source: LabReportEventResultSourceSchema,
});
export type LabReportEventResult = z.infer<typeof LabReportEventResultSchema>;

export const LabReportPanelSchema = z.looseObject({
  id: Int,
  name: z.string().nullish(),
  key: z.string().nullish(),
});
export type LabReportPanel = z.infer<typeof LabReportPanelSchema>;

export const LabReportEventDataSchema = z.looseObject({
  session_id: z.string(),
  reference_id: z.string().nullish(),
  report_date: z.string().nullish(),
  report_time: z.string().nullish(),
  report_locale: z.string().nullish(),
  results_count: Int,
  results: z.array(LabReportEventResultSchema),
  panels: z.array(LabReportPanelSchema).nullish(),
  report_notes: z.string().nullish(),
});
export type LabReportEventData = z.infer<typeof LabReportEventDataSchema>;

export const LabReportDeliverySchema = z.looseObject({
  destination_id: z.string(),
  destination_type: z.string().nullish(),
  status: z.string(),
  attempt_count: Int,
  last_error: z.string().nullish(),
});
export type LabReportDelivery = z.infer<typeof LabReportDeliverySchema>;

export const LabReportDeliveriesResponseSchema = z.looseObject({
  deliveries: z.array(LabReportDeliverySchema),
});
export type LabReportDeliveriesResponse = z.infer<typeof LabReportDeliveriesResponseSchema>;

export const LabReportEventErrorSchema = z.looseObject({
  code: z.string(),
  message: z.string(),
  retriable: z.boolean(),
});
export type LabReportEventError = z.infer<typeof LabReportEventErrorSchema>;

export const LabReportFailureDataSchema = z.looseObject({
  session_id: z.string(),
  reference_id: z.string().nullish(),
  error: LabReportEventErrorSchema,
});
export type LabReportFailureData = z.infer<typeof LabReportFailureDataSchema>;

export const LabReportFilesResponseSchema = z.looseObject({
  files: z.array(LabReportFileSchema),
  thumbnail: LabReportFileSchema.nullish(),
  expires_at: TimestampSchema.nullish(),
});
export type LabReportFilesResponse = z.infer<typeof LabReportFilesResponseSchema>;

export const LabReportStatusEntrySchema = z.looseObject({
  status: z.string(),
  timestamp: TimestampSchema.nullish(),
  note: z.string().nullish(),
});
export type LabReportStatusEntry = z.infer<typeof LabReportStatusEntrySchema>;

export const LabReportSessionSchema = z.looseObject({
  session_id: z.string(),
  upload_id: z.string().nullish(),
  reference_id: z.string().nullish(),
  report_type: z.string(),
  current_status: z.string(),
  uploaded_at: TimestampSchema.nullish(),
  updated_at: TimestampSchema.nullish(),
  report_date: z.string().nullish(),
  report_time: z.string().nullish(),
  collection_date: z.string().nullish(),
  collection_time: z.string().nullish(),
  report_locale: z.string().nullish(),
  lab_name: z.string().nullish(),
  patient_age_at_collection: Int.nullish(),
  patient_sex: z.string().nullish(),
  input_bytes: Int.nullish(),
  results_count: Int.nullish(),
  output_bytes: Int.nullish(),
  file_count: Int.nullish(),
  status_history: z.array(LabReportStatusEntrySchema).nullish(),
  results: z.array(LabReportResultSchema).nullish(),
  panels: z.array(LabReportPanelSchema).nullish(),
  report_notes: z.string().nullish(),
});
export type LabReportSession = z.infer<typeof LabReportSessionSchema>;

export const LabReportListResponseSchema = z.looseObject({
  sessions: z.array(LabReportSessionSchema),
});
export type LabReportListResponse = z.infer<typeof LabReportListResponseSchema>;

export const LabReportReprocessResponseSchema = z.looseObject({
  session_id: z.string(),
  current_status: z.string(),
});
export type LabReportReprocessResponse = z.infer<typeof LabReportReprocessResponseSchema>;

export const LabReportUploadResponseSchema = z.looseObject({
  upload_id: z.string(),
  current_status: z.string(),
});
export type LabReportUploadResponse = z.infer<typeof LabReportUploadResponseSchema>;
