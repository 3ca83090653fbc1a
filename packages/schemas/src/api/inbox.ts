import { z } from "zod";
import { ApiTextParamSchema, apiPageOf } from "./common.ts";

export const API_EVENT_STATUSES = [
  "received",
  "processed",
  "failed",
  "ignored",
  "pending",
  "partial",
] as const;
export const ApiEventStatusSchema = z.enum(API_EVENT_STATUSES);

/** One delivery in the inbox. The raw body is never shown here: it holds health data. */
export const ApiEventSchema = z
  .object({
    id: z.number().int(),
    type: z
      .string()
      .nullable()
      .describe("Terra's event type as sent; null while the delivery waits for processing"),
    status: ApiEventStatusSchema.describe(
      "received: acknowledged, waiting for processing; processed, ignored: done; partial: processed, some records failed (see error); failed: nothing applied (replayable); pending: waiting on an s3_payload download",
    ),
    user_id: z.string().nullable(),
    reference: z.string().nullable(),
    source: z.string(),
    received_at: z.string(),
    processed_at: z.string().nullable(),
    attempts: z.number().int(),
    body_bytes: z.number().int(),
    error: z.string().nullable().describe("Why it failed (the validation error, for instance)"),
    warnings: z
      .array(z.object({ path: z.string(), code: z.string(), message: z.string() }))
      .describe(
        "What was accepted but not known (an enum code Terra added, for instance): the records were kept",
      ),
  })
  .meta({ id: "Event" });
export type ApiEvent = z.infer<typeof ApiEventSchema>;

export const ApiEventDetailSchema = ApiEventSchema.extend({
  has_body: z.boolean().describe("False once the retention purge has removed the raw body (no replay then)"),
}).meta({ id: "EventDetail" });
export type ApiEventDetail = z.infer<typeof ApiEventDetailSchema>;

export const ApiEventPageSchema = apiPageOf(ApiEventSchema).meta({ id: "EventPage" });

export const ApiReplayRequestSchema = z
  .object({
    ids: z.array(z.number().int().positive()).min(1).max(500).optional(),
    status: ApiEventStatusSchema.optional().describe("Without ids: replay events in this status"),
    type: ApiTextParamSchema.optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .refine((b) => b.ids !== undefined || b.status !== undefined, {
    message: "give ids, or a status to select events by",
    path: ["ids"],
  })
  .meta({ id: "ReplayRequest" });
export type ApiReplayRequest = z.infer<typeof ApiReplayRequestSchema>;

export const ApiReplayResultSchema = z
  .object({
    id: z.number().int(),
    status: z.string().describe("The event's status after the replay"),
    error: z.string().nullable(),
  })
  .meta({ id: "ReplayResult" });

export const ApiReplayResponseSchema = z
  .object({ replayed: z.number().int(), results: z.array(ApiReplayResultSchema) })
  .meta({ id: "ReplayResponse" });
export type ApiReplayResponse = z.infer<typeof ApiReplayResponseSchema>;
