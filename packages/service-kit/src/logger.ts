import { hostname } from "node:os";
import pino, { type DestinationStream, type Level, type Logger, type LoggerOptions } from "pino";
import { safeError } from "./errors.ts";
import { redactObject } from "./redact.ts";

export type { Logger } from "pino";
export type LogLevel = Level | "silent";

export interface CreateLoggerOptions {
  /** Written as `service` on every line (`webhook`, `admin`, `backfill`, `wearables`). */
  service: string;
  level?: LogLevel;
  /** Where lines go; default stdout. Tests pass a stream that keeps them. */
  destination?: DestinationStream;
}

/** The `err` serializer: a thrown value becomes its reduced form (safeError). */
export function serializeError(value: unknown): unknown {
  return value instanceof Error ? safeError(value) : value;
}

/** A message string that quotes a failed statement loses everything from "Failed query:" on. */
function scrubMsg(msg: unknown): unknown {
  if (typeof msg !== "string") return msg;
  const q = msg.indexOf("Failed query:");
  return q >= 0 ? `${msg.slice(0, q)}database query failed` : msg;
}

/**
 * pino writes `logger.error(err)` and `logger.error({ err })` with the error's own message as the
 * line's `msg`, and that message may be drizzle's "Failed query: … params: …": such calls get the
 * reduced message instead.
 */
const logMethod: NonNullable<NonNullable<LoggerOptions["hooks"]>["logMethod"]> = function (
  this: Logger,
  args: unknown[],
  method,
) {
  const [first, ...rest] = args;
  if (first instanceof Error) {
    const reduced = safeError(first);
    const msg = rest.length > 0 ? rest.map(scrubMsg) : [reduced.message];
    return method.apply(this, [{ err: reduced }, ...msg] as Parameters<typeof method>);
  }
  if (typeof first === "object" && first !== null && (first as { err?: unknown }).err instanceof Error) {
    const msg = rest.length > 0 ? rest.map(scrubMsg) : [safeError((first as { err: Error }).err).message];
    return method.apply(this, [first, ...msg] as Parameters<typeof method>);
  }
  return method.apply(this, args.map(scrubMsg) as Parameters<typeof method>);
};

/**
 * The logger of every service: pino with the one redaction policy (secrets and payloads replaced
 * at any depth, errors reduced by safeError, raw bytes as their length) and `service` on every
 * line. Children inherit all of it.
 */
export function createLogger(opts: CreateLoggerOptions): Logger {
  const options: LoggerOptions = {
    level: opts.level ?? "info",
    base: { service: opts.service, pid: process.pid, hostname: hostname() },
    serializers: { err: serializeError, error: serializeError },
    formatters: { log: redactObject, bindings: redactObject },
    hooks: { logMethod },
  };
  const logger = opts.destination ? pino(options, opts.destination) : pino(options);
  // pino formats only the root's bindings; a child's are written as given. Children are made from
  // the root's prototype, so this one override covers every descendant.
  const child = logger.child;
  logger.child = function (this: Logger, bindings: Record<string, unknown>, childOptions?: object) {
    return child.call(this, redactObject(bindings), childOptions);
  } as typeof logger.child;
  return logger;
}
