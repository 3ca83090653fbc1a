// The one application error of every HTTP service. Its codes are the shared API error codes of
// @wearables/schemas, whose one table (API_ERROR_STATUS) gives each its status: a code always
// means the same status, whichever app answers it.
import { API_ERROR_STATUS, type ApiErrorCode, type ApiErrorIssue } from "@wearables/schemas";

export type ErrorStatus<C extends ApiErrorCode = ApiErrorCode> = (typeof API_ERROR_STATUS)[C];

export interface AppErrorOptions {
  /** One entry per invalid field (`invalid_request`). */
  issues?: ApiErrorIssue[];
  /** Seconds for `Retry-After` (503s: load balancers and people read it, Terra does not). */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/**
 * An error the service answers with: its code, the status that goes with it, a message for people
 * (never a received value). An app may narrow the codes it uses: `class E extends AppError<Codes> {}`.
 */
export class AppError<C extends ApiErrorCode = ApiErrorCode> extends Error {
  readonly code: C;
  readonly status: ErrorStatus<C>;
  readonly issues: ApiErrorIssue[] | undefined;
  readonly retryAfterSeconds: number | undefined;

  constructor(code: C, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.status = API_ERROR_STATUS[code];
    this.issues = options.issues;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

/** Every non-2xx body: `{ error: { code, message, requestId, issues? } }` (ApiErrorSchema). */
export interface ErrorBody {
  error: { code: ApiErrorCode; message: string; requestId: string; issues?: ApiErrorIssue[] };
}

export function errorBody(
  code: ApiErrorCode,
  message: string,
  requestId: string,
  issues?: ApiErrorIssue[],
): ErrorBody {
  return { error: { code, message, requestId, ...(issues ? { issues } : {}) } };
}
