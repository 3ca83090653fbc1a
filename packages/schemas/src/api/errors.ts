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
  // The webhook's own answers (Terra retries the 5xx ones).
  "bad_signature",
  "payload_too_large",
  "request_timeout",
  "overloaded",
  "database_unavailable",
  "shutting_down",
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];
export const ApiErrorCodeSchema = z.enum(API_ERROR_CODES);

/** The HTTP status of each code, for every app: a code always means one status. */
export const API_ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  terra_error: 502,
  internal_error: 500,
  bad_signature: 401,
  payload_too_large: 413,
  request_timeout: 408,
  overloaded: 503,
  database_unavailable: 503,
  shutting_down: 503,
} as const satisfies Record<ApiErrorCode, number>;

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
