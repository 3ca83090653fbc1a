// What every service shares, one file per concern: the logger and its redaction policy, errors
// reduced for logs and error columns, URL redaction.
export {
  databaseErrorOf,
  isTransientDatabaseError,
  type SafeError,
  safeError,
  safeErrorText,
  sqlStateOf,
} from "./errors.ts";
export {
  type CreateLoggerOptions,
  createLogger,
  type Logger,
  type LogLevel,
  serializeError,
} from "./logger.ts";
export { isPayloadKey, isSecretKey, REDACTED, redactObject } from "./redact.ts";
export { conditionName, isSqlState, isTransientSqlState } from "./sqlstate.ts";
export { redactUrl } from "./url.ts";
