// The one error model of our own HTTP APIs (admin today, the webhook's 4xx/5xx bodies as well).
// Clients switch on `code`, never on `message`, which is for people and may change.
import { z } from "zod";

export const API_ERROR_CODES = [
  "invalid_request",
  "unauthorized",
  "forbidden",
  "not_found",
  "conflict",
  "terra_error",
  "internal_error",
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];
export const ApiErrorCodeSchema = z.enum(API_ERROR_CODES);

export const ApiErrorIssueSchema = z.object({
  field: z.string().describe("Dotted path of the offending field, e.g. `query.start_date`"),
  message: z.string(),
});
export type ApiErrorIssue = z.infer<typeof ApiErrorIssueSchema>;

export const ApiErrorSchema = z
  .object({
    error: z.object({
      code: ApiErrorCodeSchema,
      message: z.string().describe("Human-readable; a validation error names the field"),
      requestId: z.string().describe("Also sent as the `x-request-id` response header"),
      issues: z
        .array(ApiErrorIssueSchema)
        .optional()
        .describe("Present on `invalid_request`: one entry per invalid field"),
    }),
  })
  .meta({ id: "Error", description: "Every non-2xx answer has this body" });
export type ApiError = z.infer<typeof ApiErrorSchema>;
