import { appVersion, checkEnv, LogLevelSchema, parseEnv, shutdownTimeoutMs } from "@wearables/service-kit";
import { z } from "zod";

/** Every setting the command reads, checked once at start (the only place env is read). */
const bool = z
  .enum(["true", "false", "1", "0", "yes", "no", ""])
  .transform((v) => v === "true" || v === "1" || v === "yes");
const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);

export const EnvSchema = z.object({
  DATABASE_URL: z.string().min(1).optional(),
  TERRA_API_KEY: z.string({ error: "is required" }).min(1, "is required"),
  TERRA_DEV_ID: z.string({ error: "is required" }).min(1, "is required"),
  TERRA_API_URL: z.url().default("https://api.tryterra.co/v2"),
  /** Comma-separated, as the webhook reads it; unset: the ingest default. */
  DATA_TYPES: z.string().optional(),
  /** JSON field selection shared with the webhook (ingest's config). */
  FIELD_SELECTION: z.string().optional(),
  /** Measurements written as series rows (ingest's config): `default`, `all`, names, `-name`. */
  MEASUREMENTS: z.string().optional(),
  WITH_SAMPLES: bool.default(false),
  HISTORY_DAYS: int(365, 1),
  REFETCH_DAYS: int(2),
  WINDOW_DAYS: int(28, 1),
  LEASE_SECONDS: int(300, 1),
  CONCURRENCY: int(4, 1),
  CLAIM_BATCH: int(8, 1),
  DAYS_PER_HOUR_BUDGET: int(6000, 1),
  MAX_ATTEMPTS: int(6, 1),
  MAX_WAIT_SECONDS: int(120),
  WEBHOOK_WAIT_SECONDS: int(3600, 1),
  REQUEST_TIMEOUT_MS: int(30_000, 1),
  USE_WEBHOOK_FOR_LONG_RANGES: bool.default(false),
  /** With the webhook path: ranges longer than this go as one `to_webhook=true` request. */
  LONG_RANGE_DAYS: int(62, 2),
  /** Unset: info, or warn on a terminal (info lines would tear the progress bar). */
  LOG_LEVEL: LogLevelSchema.optional(),
  /** SIGTERM/SIGINT: claim nothing more, finish the windows in flight, exit; past this, exit 1. */
  SHUTDOWN_TIMEOUT_MS: shutdownTimeoutMs(30_000),
  /** `run --every`: serve /metrics (this process's passes, build_info, default metrics) on this port. */
  METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  METRICS_HOST: z.string().min(1).default("0.0.0.0"),
  APP_VERSION: appVersion(),
});

export type Env = z.infer<typeof EnvSchema>;

/** Parses an environment or throws one EnvError naming every bad variable (never a value). */
export function loadEnv(source: Record<string, string | undefined>): Env {
  return checkEnv(EnvSchema, source, "the backfill");
}

/** The command's environment: the process's, or exit 2 with one message naming every bad variable. */
export function readEnv(): Env {
  return parseEnv(EnvSchema, process.env, "the backfill");
}
