import { API_ERROR_STATUS, type ApiErrorCode } from "@wearables/schemas";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * The errors this service answers with: a subset of the shared API error codes of
 * @wearables/schemas, whose one table (API_ERROR_STATUS) gives each its HTTP status.
 */
export type ErrorCode = Extract<
  ApiErrorCode,
  | "invalid_request"
  | "bad_signature"
  | "payload_too_large"
  | "request_timeout"
  | "not_found"
  | "overloaded"
  | "database_unavailable"
  | "shutting_down"
  | "internal_error"
>;

export interface ErrorBody {
  error: { code: ErrorCode; message: string; requestId: string };
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: ContentfulStatusCode;
  /** Seconds for `Retry-After` on 503s; Terra ignores it but load balancers and humans do not. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options: { retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.status = API_ERROR_STATUS[code];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function errorBody(code: ErrorCode, message: string, requestId: string): ErrorBody {
  return { error: { code, message, requestId } };
}
