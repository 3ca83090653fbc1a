import type { ContentfulStatusCode } from "hono/utils/http-status";

/** Every error this service answers with, and the HTTP status it maps to. */
export const ERROR_STATUS = {
  bad_signature: 401,
  payload_too_large: 413,
  not_found: 404,
  overloaded: 503,
  database_unavailable: 503,
  shutting_down: 503,
  internal: 500,
} as const satisfies Record<string, ContentfulStatusCode>;

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
