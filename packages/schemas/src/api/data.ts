import { z } from "zod";
import { ApiDateSchema, apiPageOf } from "./common.ts";

/** A stored record: the whole normalised Terra document, plus where and when we got it. */
export const ApiRecordSchema = z
  .object({
    date: ApiDateSchema.nullable().describe("Date part of metadata.start_time as Terra wrote it"),
    key: z.string().describe("Natural key (summary_id, or the day)"),
    received_at: z.string(),
    source: z.string().describe("webhook, backfill or replay"),
    document: z.record(z.string(), z.unknown()).describe("The Terra model, whole (see @wearables/schemas)"),
  })
  .meta({ id: "Record" });
export type ApiRecord = z.infer<typeof ApiRecordSchema>;

export const ApiRecordPageSchema = apiPageOf(ApiRecordSchema).meta({ id: "RecordPage" });
export type ApiRecordPage = z.infer<typeof ApiRecordPageSchema>;

/** The figures people look for on one day, drawn from daily, body and sleep. */
export const ApiDaySummarySchema = z
  .object({
    date: ApiDateSchema,
    steps: z.number().nullable(),
    distance_meters: z.number().nullable(),
    active_calories: z.number().nullable(),
    weight_kg: z.number().nullable(),
    bodyfat_percentage: z.number().nullable(),
    systolic_bp: z.number().nullable().describe("mmHg, the day's average"),
    diastolic_bp: z.number().nullable(),
    resting_hr_bpm: z.number().nullable(),
    sleep_duration_seconds: z.number().nullable().describe("Asleep, summed over the night's sessions"),
    sleep_efficiency: z
      .number()
      .nullable()
      .describe(
        "Percent 0–100, mean over the day's sessions (Terra sends a fraction or a percent; a value ≤ 1 is read as a fraction)",
      ),
    afib_positive_count: z
      .number()
      .int()
      .nullable()
      .describe("AFib classifications flagged positive that day (ECG and cuff); null when none were taken"),
  })
  .meta({ id: "DaySummary" });
export type ApiDaySummary = z.infer<typeof ApiDaySummarySchema>;

export const ApiDaySummaryListSchema = z
  .object({
    user_id: z.string(),
    start_date: ApiDateSchema,
    end_date: ApiDateSchema,
    data: z.array(ApiDaySummarySchema),
  })
  .meta({ id: "DaySummaryList" });
export type ApiDaySummaryList = z.infer<typeof ApiDaySummaryListSchema>;
