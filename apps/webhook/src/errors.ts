import { API_ERROR_STATUS, type ApiErrorCode } from "@wearables/schemas";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * Every error this service answers with, and the HTTP status it maps to. The codes are the shared
 * API error codes of @wearables/schemas (one error model across the apps).
 */
export const ERROR_STATUS = {
  invalid_request: API_ERROR_STATUS.invalid_request,
  bad_signature: API_ERROR_STATUS.bad_signature,
  payload_too_large: API_ERROR_STATUS.payload_too_large,
  not_found: API_ERROR_STATUS.not_found,
  overloaded: API_ERROR_STATUS.overloaded,
  database_unavailable: API_ERROR_STATUS.database_unavailable,
  shutting_down: API_ERROR_STATUS.shutting_down,
  internal_error: API_ERROR_STATUS.internal_error,
} as const satisfies Partial<Record<ApiErrorCode, ContentfulStatusCode>>;

export type ErrorCode = keyof typeof ERROR_STATUS;

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
    this.status = ERROR_STATUS[code];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function errorBody(code: ErrorCode, message: string, requestId: string): ErrorBody {
  return { error: { code, message, requestId } };
}
