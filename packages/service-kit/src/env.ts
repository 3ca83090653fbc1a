// What every process's environment schema shares, and the one way a bad environment stops a
// process: one message naming every bad variable (never a value: the values are secrets and
// URLs with passwords), exit code 2.
import { z } from "zod";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;

/** LOG_LEVEL's values (pino's levels). */
export const LogLevelSchema = z.enum(LOG_LEVELS, { error: `one of ${LOG_LEVELS.join(", ")}` });

/** LOG_LEVEL of every process, `info` unless the process says otherwise. */
export const logLevel = (fallback: (typeof LOG_LEVELS)[number] = "info") => LogLevelSchema.default(fallback);

/** SHUTDOWN_TIMEOUT_MS: how long a stopping process may take before it exits anyway (code 1). */
export const shutdownTimeoutMs = (fallback: number) => z.coerce.number().int().min(100).default(fallback);

/** APP_VERSION: set at build or image time (a tag, a commit); empty counts as unset. */
export const appVersion = () =>
  z
    .string()
    .trim()
    .max(64)
    .optional()
    .transform((v) => v || undefined);

/** The exit code of a process that refuses its environment (a usage error, as the shells say). */
export const BAD_ENV_EXIT_CODE = 2;

export class EnvError extends Error {
  /** The variables at fault, in the schema's order. */
  readonly variables: string[];
  constructor(service: string, lines: { variable: string; message: string }[]) {
    super(
      `invalid environment for ${service}:\n${lines.map((l) => `  ${l.variable}: ${l.message}`).join("\n")}`,
    );
    this.name = "EnvError";
    this.variables = [...new Set(lines.map((l) => l.variable))];
  }
}

/**
 * A message we wrote says what is wrong; a message someone else wrote (a refinement, a library)
 * might still quote what it was given. A variable's own value never goes out.
 */
function withoutValue(message: string, value: string | undefined): string {
  return value && value.length >= 3 && message.includes(value)
    ? message.split(value).join("[value hidden]")
    : message;
}

/** Parses an environment with a schema, or throws one EnvError naming every bad variable. */
export function checkEnv<S extends z.ZodType>(
  schema: S,
  source: Record<string, string | undefined>,
  service: string,
): z.output<S> {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((i) => {
    const variable = String(i.path[0] ?? "(environment)");
    return { variable, message: withoutValue(i.message, source[variable]) };
  });
  throw new EnvError(service, lines);
}

export interface ExitOptions {
  stderr?: { write(s: string): unknown };
  exit?: (code: number) => never | undefined;
}

/**
 * An entry point's first line: the parsed environment, or the EnvError's message on stderr and
 * exit code 2. Other errors (a bug in a schema) are thrown.
 */
export function parseEnv<S extends z.ZodType>(
  schema: S,
  source: Record<string, string | undefined>,
  service: string,
  opts: ExitOptions = {},
): z.output<S> {
  try {
    return checkEnv(schema, source, service);
  } catch (err) {
    if (!(err instanceof EnvError)) throw err;
    (opts.stderr ?? process.stderr).write(`${err.message}\n`);
    (opts.exit ?? process.exit)(BAD_ENV_EXIT_CODE);
    throw err; // only reached when a test's exit returns
  }
}
