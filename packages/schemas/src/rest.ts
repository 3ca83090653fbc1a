// Bodies of Terra's data endpoints (GET /activity, /body, /daily, /sleep, /menstruation,
// /nutrition, /athlete). One 200 answer can be any of: the data, an acknowledgement that it goes to
// the webhook (with a reference), "processing, retry later", or "no data"; errors come in two shapes.
import { z } from "zod";
import { hotSchema, Num } from "./common.ts";
import { parseWhole, parseWithRecords, type RecordFailure } from "./detailed.ts";
import { type DataType, type ModelFor, modelSchemaFor } from "./models/index.ts";
import { TerraUserSchema } from "./models/user.ts";
import type { SchemaWarning } from "./tolerance.ts";

/** `to_webhook=true` (Terra's default): the data will arrive as webhook events tagged `reference`. */
export const DataSentToWebhookSchema = z.looseObject({
  status: z.string().nullish(),
  type: z.string().nullish(),
  reference: z.string().min(1),
  trace_id: z.string().nullish(),
  message: z.string().nullish(),
  user: TerraUserSchema,
});
export type DataSentToWebhook = z.infer<typeof DataSentToWebhookSchema>;

/** The provider backfills asynchronously (Garmin): ask again after `retry_after_seconds`. */
export const RequestProcessingSchema = z.looseObject({
  type: z.literal("processing"),
  status: z.string().nullish(),
  message: z.string().nullish(),
  user: TerraUserSchema,
  retry_after_seconds: Num.min(0).nullish(),
});
export type RequestProcessing = z.infer<typeof RequestProcessingSchema>;

/** Nothing in the range (SDK `NoDataReturned`): a status and message, no `data`. */
export const NoDataReturnedSchema = z.looseObject({
  status: z.string(),
  message: z.string().nullish(),
  user: TerraUserSchema,
});
export type NoDataReturned = z.infer<typeof NoDataReturnedSchema>;

/** Older error body: `{ "status": "error", "message": "Invalid dev-id was provided" }`. */
export const TerraStatusErrorSchema = z.looseObject({
  status: z.string(),
  message: z.string(),
});

/**
 * RFC 9457 problem+json (2026): `type`, `title` and `instance` always, `detail` when Terra has one.
 * The rate-limit body `{ "detail": "rate limit exceeded" }` has only `detail`.
 */
export const TerraProblemSchema = z.union([
  z.looseObject({
    type: z.string(),
    title: z.string(),
    instance: z.string(),
    detail: z.string().nullish(),
    status: z.union([z.number(), z.string()]).nullish(),
  }),
  z.looseObject({
    type: z.string().nullish(),
    title: z.string().nullish(),
    instance: z.string().nullish(),
    detail: z.string(),
  }),
]);

export const TerraErrorBodySchema = z.union([TerraStatusErrorSchema, TerraProblemSchema]);
export type TerraErrorBody = z.infer<typeof TerraErrorBodySchema>;

/** The human message of either error shape: `message`, else `detail`, else `title`. */
export function terraErrorMessage(body: TerraErrorBody): string {
  const b = body as { message?: unknown; detail?: unknown; title?: unknown };
  for (const v of [b.message, b.detail, b.title]) if (typeof v === "string" && v !== "") return v;
  return "";
}

/** The body of a data answer: `{ user, data: T[], type }`, or `{ user, athlete, type }` for athlete. */
export function dataResponseSchema<T extends DataType>(type: T) {
  const model = modelSchemaFor(type);
  return type === "athlete"
    ? z.looseObject({ user: TerraUserSchema, athlete: model, type: z.string().nullish() })
    : z.looseObject({ user: TerraUserSchema, data: z.array(model), type: z.string().nullish() });
}

// One schema per type, so each has one hot parser (hotSchema: interpreted at first, compiled once used).
const dataResponseSchemas = new Map<DataType, z.ZodType>();
function responseSchemaOf(type: DataType): z.ZodType {
  let schema = dataResponseSchemas.get(type);
  if (!schema) {
    schema = dataResponseSchema(type) as z.ZodType;
    dataResponseSchemas.set(type, schema);
  }
  return schema;
}

export type TerraUserOf = z.infer<typeof TerraUserSchema>;

/** What the data answer held beside its records: warnings, and records left out (ADR 0203). */
export interface RecordReport {
  /** Accepted but not known (an unknown enum code, …), paths from the response root. */
  warnings: SchemaWarning[];
  /** Records that failed validation, by index in the answer's `data`; `data` holds the others. */
  failedRecords: RecordFailure[];
}

export type DataResponse<T extends DataType> =
  | (T extends "athlete"
      ? { kind: "data"; user: TerraUserOf; athlete: ModelFor<"athlete"> } & RecordReport
      : { kind: "data"; user: TerraUserOf; data: ModelFor<T>[] } & RecordReport)
  | { kind: "sent_to_webhook"; reference: string; user: TerraUserOf; message: string | null }
  | { kind: "processing"; retryAfterSeconds: number | null; user: TerraUserOf; message: string | null }
  | { kind: "no_data"; user: TerraUserOf; message: string | null };

/** Same shape as zod's safe-parse result. */
export type ParseResult<T> =
  | { success: true; data: T; error?: never }
  | { success: false; error: z.ZodError; data?: never };

/**
 * Classifies and validates a 200 body of a data endpoint; never throws. The shape decides the
 * kind: `data`/`athlete` present → data; `reference` → sent to webhook; `type: "processing"` →
 * processing; otherwise a body with `status` and a user → no data. A data answer is judged record
 * by record (as parseWebhookEventDetailed): `data` holds the records that passed, in order, and
 * `failedRecords` the others; only a bad envelope (or the athlete, its only record) fails it.
 */
export function parseDataResponse<T extends DataType>(type: T, body: unknown): ParseResult<DataResponse<T>> {
  const obj = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const hasRecords = type === "athlete" ? "athlete" in obj : "data" in obj;
  if (hasRecords || !(body && typeof body === "object")) {
    const whole = hotSchema(responseSchemaOf(type));
    const r =
      type === "athlete"
        ? parseWhole<Record<string, unknown>>(body, whole)
        : parseWithRecords<Record<string, unknown>>(body, whole, hotSchema(modelSchemaFor(type)));
    // zod's own error for a refused answer (its callers read issue paths as arrays).
    if (!r.success) return whole.parse(body) as ParseResult<never>;
    const d = r.data as Record<string, unknown> & { user: TerraUserOf };
    const report = { warnings: r.warnings, failedRecords: r.failedRecords };
    const out =
      type === "athlete"
        ? { kind: "data", user: d.user, athlete: d.athlete, ...report }
        : { kind: "data", user: d.user, data: d.data, ...report };
    return { success: true, data: out as DataResponse<T> };
  }
  if ("reference" in obj) {
    const r = DataSentToWebhookSchema.safeParse(body);
    if (!r.success) return r;
    const { reference, user, message } = r.data;
    return { success: true, data: { kind: "sent_to_webhook", reference, user, message: message ?? null } };
  }
  if (obj.type === "processing" || "retry_after_seconds" in obj) {
    const r = RequestProcessingSchema.safeParse(body);
    if (!r.success) return r;
    const { user, message, retry_after_seconds } = r.data;
    return {
      success: true,
      data: {
        kind: "processing",
        retryAfterSeconds: retry_after_seconds ?? null,
        user,
        message: message ?? null,
      },
    };
  }
  const r = NoDataReturnedSchema.safeParse(body);
  if (!r.success) return r;
  return { success: true, data: { kind: "no_data", user: r.data.user, message: r.data.message ?? null } };
}
