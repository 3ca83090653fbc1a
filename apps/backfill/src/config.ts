import type { DataType } from "@wearables/schemas";
import type { Env } from "./env.ts";

/** The worker's settings, resolved from env once (tests build them directly). */
export interface WorkerConfig {
  dataTypes: readonly DataType[];
  withSamples: boolean;
  historyDays: number;
  refetchDays: number;
  windowDays: number;
  leaseSeconds: number;
  concurrency: number;
  /** Windows one loop claims at once and stores in one transaction (held in memory until stored). */
  claimBatch: number;
  daysPerHourBudget: number;
  maxAttempts: number;
  /** How long one pass waits for windows put back with a `not_before` (429, processing, backoff). */
  maxWaitSeconds: number;
  useWebhookForLongRanges: boolean;
  longRangeDays: number;
  /** A window waiting for webhook chunks longer than this is asked again. */
  webhookWaitSeconds: number;
}

export const DEFAULT_CONFIG: Omit<WorkerConfig, "dataTypes"> = {
  withSamples: false,
  historyDays: 365,
  refetchDays: 2,
  windowDays: 28,
  leaseSeconds: 300,
  concurrency: 4,
  claimBatch: 8,
  daysPerHourBudget: 6000,
  maxAttempts: 6,
  maxWaitSeconds: 120,
  useWebhookForLongRanges: false,
  longRangeDays: 62,
  webhookWaitSeconds: 3600,
};

export function configFromEnv(env: Env, dataTypes: readonly DataType[]): WorkerConfig {
  return {
    dataTypes,
    withSamples: env.WITH_SAMPLES,
    historyDays: env.HISTORY_DAYS,
    refetchDays: env.REFETCH_DAYS,
    windowDays: env.WINDOW_DAYS,
    leaseSeconds: env.LEASE_SECONDS,
    concurrency: env.CONCURRENCY,
    claimBatch: env.CLAIM_BATCH,
    daysPerHourBudget: env.DAYS_PER_HOUR_BUDGET,
    maxAttempts: env.MAX_ATTEMPTS,
    maxWaitSeconds: env.MAX_WAIT_SECONDS,
    useWebhookForLongRanges: env.USE_WEBHOOK_FOR_LONG_RANGES,
    longRangeDays: env.LONG_RANGE_DAYS,
    webhookWaitSeconds: env.WEBHOOK_WAIT_SECONDS,
  };
}

/**
 * V8 flags the worker process runs with (package.json scripts, Dockerfile, the benchmark): a young
 * generation of 4 MB semi-spaces instead of 16. The worker allocates fast and keeps little; with
 * the default, the peak RSS of the 200-user benchmark varied between 250 and 310 MB with the
 * timing of collections, and stays near 255 MB with this, at the same documents/s (ADR 0601).
 */
export const WORKER_NODE_FLAGS = ["--max-semi-space-size=4"] as const;
