export {
  DAYS_PER_USER_PER_HOUR,
  type DateWindow,
  daysInRange,
  MAX_REQUEST_DAYS,
  type SplitOptions,
  splitDateRange,
} from "./dates.ts";
export {
  DEFAULT_TOLERANCE_SECONDS,
  type RawBody,
  signWebhook,
  type VerifyFailureReason,
  type VerifyOptions,
  type VerifyResult,
  verifyWebhook,
} from "./signature.ts";
