export {
  DEFAULT_TOLERANCE_SECONDS,
  type RawBody,
  signWebhook,
  type VerifyFailureReason,
  type VerifyOptions,
  type VerifyResult,
  verifyWebhook,
} from "./signature.ts";
