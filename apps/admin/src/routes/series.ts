import { createRoute, z } from "@hono/zod-openapi";
import {
  ApiCursorSchema,
  ApiMeasurementNameSchema,
  ApiSeriesDateSchema,
  ApiTextIdSchema,
  type ApiThresholdPage,
  ApiThresholdPageSchema,
  type ApiUserSeries,
  ApiUserSeriesSchema,
  measurementByName,
  SERIES_BUCKET_NAMES,
} from "@wearables/schemas";
import { InvalidCursorError, readSeries, thresholdCrossings } from "@wearables/storage";
import type { AppDeps } from "../deps.ts";
import { badCursor, errorResponses } from "../errors.ts";
import { jsonText } from "../json-text.ts";
import { commaList, newRouter } from "../router.ts";

/** Longest ranges: raw points and hours read every point, buckets of days and longer read less. */
export const MAX_SERIES_DAYS = { raw: 731, hour: 366, day: 3660, week: 3660, month: 3660 } as const;
export const MAX_THRESHOLD_DAYS = 731;
export const MAX_SERIES_MEASUREMENTS = 12;
/** raw: points in one answer at most (limit × measurements), about 4 MB of JSON. */
export const MAX_RAW_POINTS = 100_000;

const days = (a: string, b: string) =>
  (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
const endAfterStart = (q: { start: string; end: string }) => q.end >= q.start;
const RANGE = { message: "end is before start", path: ["end"] };

const range = {
  start: ApiSeriesDateSchema.meta({
    description: "First local day, inclusive (YYYY-MM-DD)",
    example: "2026-03-01",
  }),
  end: ApiSeriesDateSchema.meta({
    description: "Last local day, inclusive (YYYY-MM-DD)",
    example: "2026-03-31",
  }),
};

/** `measurement=a&measurement=b` or `measurement=a,b`. */
const MeasurementList = commaList(z.array(ApiMeasurementNameSchema).min(1).max(MAX_SERIES_MEASUREMENTS));

const userSeries = createRoute({
  method: "get",
  path: "/users/{id}/series",
  tags: ["series"],
  summary: "One user's measurements as points or buckets (count, min, max, value) in the user's local days",
  description:
    "Times are the wall clock Terra wrote (the user's local time) with the offset Terra gave. A point's local day is " +
    "the date part as written; day, week (ISO, from Monday) and month buckets are local days, hour buckets local " +
    "hours. A bucket's `value` combines its points by the measurement's aggregation (see GET /v1/measurements).",
  request: {
    params: z.object({
      id: ApiTextIdSchema.meta({ param: { name: "id", in: "path" }, description: "Terra user id" }),
    }),
    query: z
      .object({
        measurement: MeasurementList.meta({
          description: `Catalog names, repeated or comma-separated (at most ${MAX_SERIES_MEASUREMENTS})`,
          example: ["systolic_bp", "diastolic_bp"],
          param: { style: "form", explode: true },
        }),
        ...range,
        bucket: z.enum(SERIES_BUCKET_NAMES).default("day").meta({ description: "raw: every point" }),
        limit: z.coerce
          .number()
          .int()
          .min(1)
          .max(50_000)
          .default(10_000)
          .meta({ description: "raw only: points per measurement at most (the earliest)" }),
      })
      .refine(endAfterStart, RANGE)
      .refine((q) => q.bucket !== "raw" || q.limit * new Set(q.measurement).size <= MAX_RAW_POINTS, {
        message: `raw answers hold at most ${MAX_RAW_POINTS} points: limit × measurements`,
        path: ["limit"],
      })
      .refine((q) => days(q.start, q.end) < MAX_SERIES_DAYS[q.bucket], {
        message: `range too long for this bucket (days at most: ${Object.entries(MAX_SERIES_DAYS)
          .map(([b, n]) => `${b} ${n}`)
          .join(", ")})`,
        path: ["end"],
      }),
  },
  responses: {
    200: {
      description: "One series per measurement asked, in that order",
      content: { "application/json": { schema: ApiUserSeriesSchema } },
    },
    ...errorResponses,
  },
});

const threshold = createRoute({
  method: "get",
  path: "/series/{measurement}",
  tags: ["series"],
  summary:
    "Who crossed a threshold: users with a value within [min, max] in the range (e.g. systolic_bp ≥ 140 this week)",
  request: {
    params: z.object({
      measurement: ApiMeasurementNameSchema.meta({ param: { name: "measurement", in: "path" } }),
    }),
    query: z
      .object({
        ...range,
        min: z.coerce
          .number()
          .finite()
          .optional()
          .meta({ description: "Inclusive lower bound", example: 140 }),
        max: z.coerce.number().finite().optional().meta({ description: "Inclusive upper bound" }),
        cursor: ApiCursorSchema.optional(),
        limit: z.coerce.number().int().min(1).max(1000).default(100),
      })
      .refine(endAfterStart, RANGE)
      .refine((q) => days(q.start, q.end) < MAX_THRESHOLD_DAYS, {
        message: `at most ${MAX_THRESHOLD_DAYS} days`,
        path: ["end"],
      })
      .refine((q) => q.min === undefined || q.max === undefined || q.min <= q.max, {
        message: "max is below min",
        path: ["max"],
      }),
  },
  responses: {
    200: {
      description: "A page of users, by user id",
      content: { "application/json": { schema: ApiThresholdPageSchema } },
    },
    ...errorResponses,
  },
});

export function seriesRouter(deps: AppDeps) {
  return newRouter()
    .openapi(userSeries, async (c) => {
      const { id } = c.req.valid("param");
      const q = c.req.valid("query");
      const defs = [...new Set(q.measurement)].map((n) => measurementByName(n)!);
      const found = await readSeries(deps.db, {
        userId: id,
        measurements: defs.map((d) => d.code),
        startDate: q.start,
        endDate: q.end,
        bucket: q.bucket,
        limit: q.limit,
      });
      // The points come as the database's JSON text (ApiSeriesPointSchema / ApiSeriesBucketSchema):
      // spliced in, not parsed and serialised again.
      const s = JSON.stringify;
      const series = found.map((f, i) => {
        const d = defs[i]!;
        const head = `{"measurement":${s(d.name)},"label":${s(d.label)},"unit":${s(d.unit)},"kind":${s(d.kind)},"aggregation":${s(d.aggregation)},"truncated":${f.truncated}`;
        return `${head},"${q.bucket === "raw" ? "points" : "buckets"}":${f.json}}`;
      });
      const body = `{"user_id":${s(id)},"start":${s(q.start)},"end":${s(q.end)},"bucket":${s(q.bucket)},"series":[${series.join(",")}]}`;
      return jsonText<ApiUserSeries>(c, body);
    })
    .openapi(threshold, async (c) => {
      const { measurement } = c.req.valid("param");
      const q = c.req.valid("query");
      const def = measurementByName(measurement)!;
      const page = await thresholdCrossings(deps.db, {
        measurement: def.code,
        startDate: q.start,
        endDate: q.end,
        min: q.min ?? null,
        max: q.max ?? null,
        cursor: q.cursor ?? null,
        limit: q.limit,
      }).catch((err: unknown) => {
        throw err instanceof InvalidCursorError ? badCursor() : err;
      });
      const body: ApiThresholdPage = {
        measurement: def.name,
        unit: def.unit,
        start: q.start,
        end: q.end,
        min: q.min ?? null,
        max: q.max ?? null,
        data: page.items.map((r) => ({
          user_id: r.userId,
          count: r.count,
          min: r.min,
          max: r.max,
          first: r.first,
          last: r.last,
        })),
        next_cursor: page.nextCursor,
      };
      return c.json(body, 200);
    });
}
