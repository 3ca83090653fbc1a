import {
  appVersion,
  checkEnv,
  EnvError,
  logLevel,
  parseEnv,
  shutdownTimeoutMs,
} from "@wearables/service-kit";
import { z } from "zod";
import { parseAdminTokens } from "./tokens.ts";

/** The admin process's settings (readEnv reads them from the process; loadEnv from any object). */
export const EnvSchema = z.object({
  DATABASE_URL: z.string().optional().describe("pglite://… or postgres://…; unset: PGlite in ./.data/pglite"),
  ADMIN_TOKENS: z
    .string({ error: "ADMIN_TOKENS is required: name:role:token,… or a JSON array" })
    .min(1, "ADMIN_TOKENS is required: name:role:token,… or a JSON array")
    .transform((s, ctx) => {
      try {
        return parseAdminTokens(s);
      } catch (err) {
        ctx.addIssue({ code: "custom", message: describeTokenError(err) });
        return z.NEVER;
      }
    }),
  TERRA_DEV_ID: z.string().min(1).optional(),
  TERRA_API_KEY: z.string().min(1).optional(),
  TERRA_API_URL: z.url().optional(),
  DATA_TYPES: z.string().optional().describe("Replays apply the same as the webhook: comma-separated"),
  FIELD_SELECTION: z.string().optional().describe("Path to the webhook's field-selection JSON"),
  DASHBOARD_DIR: z
    .string()
    .optional()
    .describe("The dashboard's built files; unset: apps/dashboard/dist when built; `off`: not served"),
  MEASUREMENTS: z
    .string()
    .optional()
    .describe("The webhook's measurement selection (replays write the same series)"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3002),
  PAGE_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .optional()
    .describe("Byte budget of a records page; default 4 MiB"),
  LOG_LEVEL: logLevel(),
  /** SIGTERM/SIGINT: stop accepting, finish the requests in flight, close the database; then exit 1. */
  SHUTDOWN_TIMEOUT_MS: shutdownTimeoutMs(10_000),
  /** build_info's version; default the package's. */
  APP_VERSION: appVersion(),
});
export type Env = z.infer<typeof EnvSchema>;

/**
 * Says which entry and which field is wrong, never the value: zod's default messages may echo the
 * input, and the input here is a secret.
 */
function describeTokenError(err: unknown): string {
  if (err instanceof z.ZodError) {
    return err.issues
      .map(
        (i) =>
          `entry ${String(i.path[0] ?? "?")}${i.path[1] ? ` field ${String(i.path[1])}` : ""}: ${i.code === "invalid_value" ? "role must be read or admin" : i.message}`,
      )
      .join("; ");
  }
  if (err instanceof SyntaxError) return "ADMIN_TOKENS looks like JSON but does not parse";
  return err instanceof Error ? err.message : "invalid";
}

export function loadEnv(
  env: Record<string, string | undefined>,
): { ok: true; env: Env } | { ok: false; message: string } {
  try {
    return { ok: true, env: checkEnv(EnvSchema, env, "the admin API") };
  } catch (err) {
    if (err instanceof EnvError) return { ok: false, message: err.message };
    throw err;
  }
}

/** The process's environment, or exit 2 with one message naming every bad variable. */
export function readEnv(): Env {
  return parseEnv(EnvSchema, process.env, "the admin API");
}
