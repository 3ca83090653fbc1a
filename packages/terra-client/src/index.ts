export {
  type AuthenticateParams,
  type AuthenticateResult,
  createTerraClient,
  type Integrations,
  type TerraClient,
  type UserInfo,
  type WidgetSession,
  type WidgetSessionParams,
} from "./client.ts";
export { DEFAULT_BASE_URL, type TerraClientOptions } from "./config.ts";
export type { AthleteQuery, DataQuery, DataResult, DatedQuery, TerraDate } from "./data.ts";
export {
  DAYS_PER_USER_PER_HOUR,
  type DateWindow,
  daysInRange,
  MAX_REQUEST_DAYS,
  type SplitOptions,
  splitDateRange,
} from "./dates.ts";
export {
  errorMessageOf,
  type RateLimitRule,
  TerraAuthError,
  TerraBadRequestError,
  TerraError,
  TerraNetworkError,
  TerraNotFoundError,
  TerraRateLimitError,
  TerraResponseError,
  TerraServerError,
  TerraTimeoutError,
} from "./errors.ts";
export type { BackoffOptions, Clock, RateLimitInfo, ResponseMeta } from "./http.ts";
export type { TerraResult } from "./response.ts";
export {
  DEFAULT_TOLERANCE_SECONDS,
  type RawBody,
  signWebhook,
  type VerifyFailureReason,
  type VerifyOptions,
  type VerifyResult,
  verifyWebhook,
} from "./signature.ts";
export type { SubscriptionsPage } from "./subscriptions.ts";
