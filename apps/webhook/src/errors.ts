import type { ApiErrorCode } from "@wearables/schemas";
import { AppError as ServiceError } from "@wearables/service-kit";

export { type ErrorBody, errorBody } from "@wearables/service-kit";

/** The codes this service answers with (a subset of @wearables/schemas' shared ones). */
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

/** The service kit's AppError (one onError handles it), narrowed to this service's codes. */
export class AppError extends ServiceError<ErrorCode> {}
