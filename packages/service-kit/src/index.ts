// What every service shares, one file per concern: the logger and its redaction policy, errors
// reduced for logs and error columns, URL redaction, the application error, environment helpers,
// the shutdown, the package version. Hono's side is `@wearables/service-kit/http`, prom-client's
// `@wearables/service-kit/metrics`.
export { AppError, type AppErrorOptions, type ErrorBody, type ErrorStatus, errorBody } from "./app-error.ts";
export {
  appVersion,
  BAD_ENV_EXIT_CODE,
  checkEnv,
  EnvError,
  type ExitOptions,
  LOG_LEVELS,
  LogLevelSchema,
  logLevel,
  parseEnv,
  shutdownTimeoutMs,
} from "./env.ts";
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
export { onShutdown, type Shutdown, type ShutdownOptions } from "./shutdown.ts";
export { conditionName, isSqlState, isTransientSqlState } from "./sqlstate.ts";
export { redactUrl } from "./url.ts";
export { packageVersion } from "./version.ts";
