import { z } from "zod";
import { ApiDateSchema, ApiTextParamSchema, apiPageOf } from "./common.ts";

export const ApiBackfillCreateSchema = z
  .object({
    types: z.array(ApiTextParamSchema).min(1).describe('Terra data types, e.g. ["body", "sleep"]'),
    start_date: ApiDateSchema,
    end_date: ApiDateSchema,
  })
  .refine((b) => b.end_date >= b.start_date, { message: "end_date is before start_date", path: ["end_date"] })
  .meta({ id: "BackfillCreate" });
export type ApiBackfillCreate = z.infer<typeof ApiBackfillCreateSchema>;

export const ApiBackfillProgressSchema = z.object({
  windows_total: z.number().int(),
  windows_done: z.number().int(),
  windows_failed: z.number().int(),
  windows_pending: z
    .number()
    .int()
    .describe("Not yet done or failed (queued, leased, waiting for the webhook)"),
  documents: z.number().int().describe("Documents stored by the job so far"),
});

export const ApiBackfillJobSchema = z
  .object({
    id: z.number().int(),
    user_id: z.string(),
    types: z.array(z.string()),
    start_date: ApiDateSchema,
    end_date: ApiDateSchema,
    status: z.string().describe("queued, running, waiting, done, failed or cancelled"),
    error: z.string().nullable(),
    finished_at: z.string().nullable(),
    requested_by: z.string().nullable(),
    created_at: z.string(),
    updated_at: z.string().nullable(),
    progress: ApiBackfillProgressSchema,
  })
  .meta({ id: "BackfillJob" });
export type ApiBackfillJob = z.infer<typeof ApiBackfillJobSchema>;

export const ApiBackfillJobPageSchema = apiPageOf(ApiBackfillJobSchema).meta({ id: "BackfillJobPage" });
