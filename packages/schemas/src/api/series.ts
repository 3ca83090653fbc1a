// Bodies of the measurement routes: the catalog, one user's series, threshold crossings.
import { z } from "zod";
import { MEASUREMENT_NAMES } from "../measurements/lookup.ts";
import {
  AGGREGATIONS,
  MEASUREMENT_GROUPS,
  MEASUREMENT_KINDS,
  MEASUREMENT_MODELS,
} from "../measurements/types.ts";
import { ApiDateSchema } from "./common.ts";

/**
 * A day the database can hold: ApiDateSchema, and not year 0 (a JavaScript date, but not one
 * PostgreSQL accepts).
 */
export const ApiSeriesDateSchema = ApiDateSchema.refine((d) => d >= "0001-01-01", {
  message: "year must be 0001 or later",
});

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** An id we pass on to the database as text: no NUL, no lone surrogate (PostgreSQL refuses both). */
export const ApiTextIdSchema = z
  .string()
  .min(1)
  .max(256)
  .refine((s) => !s.includes("\u0000") && !LONE_SURROGATE.test(s), {
    message: "must be text without NUL characters or lone surrogates",
  });

export const ApiMeasurementNameSchema = z
  .enum(MEASUREMENT_NAMES as [string, ...string[]], {
    error: () => "unknown measurement (GET /v1/measurements lists the names)",
  })
  .meta({ description: "A measurement of the catalog", example: "systolic_bp" });

export const SERIES_BUCKET_NAMES = ["raw", "hour", "day", "week", "month"] as const;

/** One catalog entry, as in @wearables/schemas' measurements.json. */
export const ApiMeasurementSchema = z
  .object({
    name: z.string(),
    code: z.number().int().describe("Stable number stored in the database"),
    label: z.string(),
    group: z.enum(MEASUREMENT_GROUPS),
    unit: z.string().describe("UCUM code"),
    model: z.enum(MEASUREMENT_MODELS).describe("Terra model the value comes from"),
    path: z.string().describe("Path in the model; `[]` crosses an array"),
    time: z.string().describe("Path of the value's time"),
    kind: z.enum(MEASUREMENT_KINDS),
    aggregation: z.enum(AGGREGATIONS).describe("How a bucket's `value` combines its points"),
    default: z
      .boolean()
      .describe("Kept unless MEASUREMENTS leaves it out; high-frequency samples are opt-in"),
    enum: z.string().optional().describe("Values are codes of this enum of @wearables/schemas"),
    skip_when: z.record(z.string(), z.number()).optional(),
    fraction_or_percent: z.boolean().optional(),
    description: z.string(),
  })
  .meta({
    id: "Measurement",
    example: {
      name: "systolic_bp",
      code: 10,
      label: "Systolic",
      group: "blood_pressure",
      unit: "mm[Hg]",
      model: "body",
      path: "blood_pressure_data.blood_pressure_samples[].systolic_bp",
      time: "blood_pressure_data.blood_pressure_samples[].timestamp",
      kind: "point",
      aggregation: "mean",
      default: true,
      description: "Systolic blood pressure of one cuff reading",
    },
  });
export type ApiMeasurement = z.infer<typeof ApiMeasurementSchema>;

export const ApiMeasurementListSchema = z
  .object({ data: z.array(ApiMeasurementSchema) })
  .meta({ id: "MeasurementList" });

/** Points, column by column (the i-th point is t[i], v[i], key[i]). */
export const ApiSeriesPointsSchema = z
  .object({
    t: z
      .array(z.string())
      .describe("Time as Terra wrote it: local wall clock, with the offset when Terra gave one"),
    v: z.array(z.number()),
    key: z
      .array(z.string())
      .describe("Natural key of the source record (GET /v1/users/{id}/{model} finds it)"),
  })
  .meta({
    id: "SeriesPoints",
    example: {
      t: ["2026-03-02T07:12:00+01:00", "2026-03-02T19:40:00+01:00"],
      v: [141, 128],
      key: ["2026-03-02", "2026-03-02"],
    },
  });

/** Buckets, column by column (the i-th bucket is start[i], count[i], …). */
export const ApiSeriesBucketsSchema = z
  .object({
    start: z.array(z.string()).describe("First local day (YYYY-MM-DD) or, for hours, YYYY-MM-DDTHH:00 local"),
    count: z.array(z.number().int()),
    min: z.array(z.number()),
    max: z.array(z.number()),
    value: z
      .array(z.number())
      .describe("The points combined by the measurement's aggregation (mean, sum, min, max, last)"),
  })
  .meta({
    id: "SeriesBuckets",
    example: {
      start: ["2026-03-02", "2026-03-03"],
      count: [2, 1],
      min: [128, 133],
      max: [141, 133],
      value: [134.5, 133],
    },
  });

export const ApiSeriesSchema = z
  .object({
    measurement: z.string(),
    label: z.string(),
    unit: z.string().describe("UCUM code"),
    kind: z.enum(MEASUREMENT_KINDS),
    aggregation: z.enum(AGGREGATIONS),
    truncated: z.boolean().describe("raw only: more points than `limit` exist; narrow the range or bucket"),
    points: ApiSeriesPointsSchema.optional().describe("bucket=raw"),
    buckets: ApiSeriesBucketsSchema.optional().describe("bucket=hour, day, week or month"),
  })
  .meta({ id: "Series" });

export const ApiUserSeriesSchema = z
  .object({
    user_id: z.string(),
    start: ApiDateSchema,
    end: ApiDateSchema,
    bucket: z.enum(SERIES_BUCKET_NAMES),
    series: z.array(ApiSeriesSchema),
  })
  .meta({
    id: "UserSeries",
    example: {
      user_id: "4f7c1a2e-9b1d-4c1e-8f6a-2d5e9a0b7c31",
      start: "2026-03-01",
      end: "2026-03-07",
      bucket: "day",
      series: [
        {
          measurement: "systolic_bp",
          label: "Systolic",
          unit: "mm[Hg]",
          kind: "point",
          aggregation: "mean",
          truncated: false,
          buckets: { start: ["2026-03-02"], count: [2], min: [128], max: [141], value: [134.5] },
        },
      ],
    },
  });
export type ApiUserSeries = z.infer<typeof ApiUserSeriesSchema>;

export const ApiThresholdRowSchema = z
  .object({
    user_id: z.string(),
    count: z.number().int().describe("Points in the range within [min, max]"),
    min: z.number(),
    max: z.number(),
    first: z.string().describe("Local time of the first such point (wall clock as written, no offset)"),
    last: z.string(),
  })
  .meta({ id: "ThresholdRow" });

export const ApiThresholdPageSchema = z
  .object({
    measurement: z.string(),
    unit: z.string(),
    start: ApiDateSchema,
    end: ApiDateSchema,
    min: z.number().nullable(),
    max: z.number().nullable(),
    data: z.array(ApiThresholdRowSchema),
    next_cursor: z.string().nullable().describe("Pass as `cursor` for the next page; null at the end"),
  })
  .meta({
    id: "ThresholdPage",
    example: {
      measurement: "systolic_bp",
      unit: "mm[Hg]",
      start: "2026-03-02",
      end: "2026-03-08",
      min: 140,
      max: null,
      data: [
        {
          user_id: "4f7c1a2e-9b1d-4c1e-8f6a-2d5e9a0b7c31",
          count: 3,
          min: 141,
          max: 152,
          first: "2026-03-02T07:12:00",
          last: "2026-03-06T08:01:00",
        },
      ],
      next_cursor: null,
    },
  });
export type ApiThresholdPage = z.infer<typeof ApiThresholdPageSchema>;
