import { availableParallelism } from "node:os";
import { type IngestConfig, loadIngestConfig } from "@wearables/ingest";
import { createDb, type Db, migrate } from "@wearables/storage";
import type { Logger } from "pino";
import { createApp, type WebhookApp } from "./app.ts";
import type { Env } from "./env.ts";
import { startRetention } from "./retention.ts";

/** Node's own HTTP deadlines (headers, whole request) from the same settings. */
export interface HttpServerOptions {
  headersTimeout: number;
  requestTimeout: number;
  /** How often Node checks those deadlines (its default, 30 s, lets a slow header run 30 s late). */
  connectionsCheckingInterval: number;
}

export interface ComposedWebhook {
  service: WebhookApp;
  db: Db;
  ingest: IngestConfig;
  serverOptions: HttpServerOptions;
  /** What runs in this process, for the start line. */
  summary: Record<string, unknown>;
  /** Starts processing and retention. */
  start(): void;
  /** Drains the service, stops processing and retention; closes the database if it opened it. */
  stop(): Promise<void>;
}

/** Worker threads for parsing: one core stays with the event loop (and, often, the database). */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

/**
 * The webhook service wired from its settings: the one place where environment values become
 * components, used by `src/index.ts` (the service), `src/processor.ts` (processing only) and
 * apps/standalone (`pnpm start`), so the three cannot drift apart.
 */
export async function composeWebhook(
  env: Env,
  opts: {
    logger: Logger;
    /** An open database to share (standalone); otherwise opened from DATABASE_URL and migrated. */
    db?: Db;
    /** Serve POST /webhooks/terra (false for the processor command: health and metrics only). */
    receive?: boolean;
    ingest?: IngestConfig;
    version?: string;
    defaultMetrics?: boolean;
  },
): Promise<ComposedWebhook> {
  const ingest =
    opts.ingest ??
    loadIngestConfig({
      dataTypes: env.DATA_TYPES,
      fieldSelection: env.FIELD_SELECTION,
      measurements: env.MEASUREMENTS,
      download: { timeoutMs: env.S3_TIMEOUT_MS, retries: env.S3_RETRIES },
    });
  const ownDb = !opts.db;
  const db = opts.db ?? (await createDb(env.DATABASE_URL, { poolSize: env.DB_POOL_SIZE }));
  if (ownDb) await migrate(db);
  const pglite = db.kind === "pglite";
  const concurrency = env.BATCH_CONCURRENCY ?? (pglite ? 1 : Math.min(2, env.DB_POOL_SIZE));
  const threads = env.PROCESS_THREADS ?? defaultThreads();
  const service = createApp({
    db,
    ingest,
    secrets: opts.receive === false ? [] : env.TERRA_WEBHOOK_SECRET,
    toleranceSeconds: env.SIGNATURE_TOLERANCE_SECONDS,
    bodyLimit: env.WEBHOOK_BODY_LIMIT,
    body: {
      timeoutMs: env.WEBHOOK_BODY_TIMEOUT_MS,
      idleMs: env.WEBHOOK_BODY_IDLE_MS,
      minBytesPerSecond: env.WEBHOOK_MIN_BODY_RATE,
    },
    readBudgetBytes: env.WEBHOOK_READ_BUDGET,
    batch: {
      maxBatch: env.BATCH_MAX_SIZE,
      maxBatchBytes: env.BATCH_MAX_BYTES,
      lingerMs: env.BATCH_LINGER_MS,
      concurrency,
      maxQueue: env.QUEUE_MAX,
      maxQueueBytes: env.QUEUE_MAX_BYTES,
      deadlineMs: env.QUEUE_DEADLINE_MS,
      commitTimeoutMs: env.COMMIT_TIMEOUT_MS,
    },
    processing: {
      enabled: env.PROCESSING,
      threads,
      settings: {
        batchSize: env.PROCESS_BATCH_SIZE,
        applyLanes: pglite ? 1 : (env.PROCESS_LANES ?? 2),
        batchBytes: env.PROCESS_BATCH_BYTES,
        leaseMs: env.PROCESS_LEASE_SECONDS * 1000,
        pollMs: env.PROCESS_POLL_MS,
        localMaxCount: env.PROCESS_LOCAL_MAX,
        localMaxBytes: env.PROCESS_LOCAL_MAX_BYTES,
        maxLostLeases: env.PROCESS_MAX_LOST_LEASES,
        retryBaseMs: env.PROCESS_RETRY_BASE_MS,
        retryMaxMs: env.PROCESS_RETRY_MAX_MS,
      },
    },
    backlog: {
      ...(env.INBOX_MAX_BACKLOG !== undefined ? { maxRows: env.INBOX_MAX_BACKLOG } : {}),
      ...(env.INBOX_MAX_BACKLOG_BYTES !== undefined ? { maxBytes: env.INBOX_MAX_BACKLOG_BYTES } : {}),
    },
    receive: opts.receive !== false,
    logger: opts.logger,
    version: opts.version,
    defaultMetrics: opts.defaultMetrics,
  });
  let stopRetention: (() => Promise<void>) | null = null;
  return {
    service,
    db,
    ingest,
    serverOptions: {
      headersTimeout: env.WEBHOOK_HEADERS_TIMEOUT_MS,
      requestTimeout: env.WEBHOOK_REQUEST_TIMEOUT_MS,
      connectionsCheckingInterval: Math.min(1000, env.WEBHOOK_HEADERS_TIMEOUT_MS),
    },
    summary: {
      database: db.kind,
      receive: opts.receive !== false,
      processing: env.PROCESSING,
      threads: env.PROCESSING ? threads : 0,
      inboxConcurrency: concurrency,
    },
    start() {
      service.start();
      // Retention runs where deliveries are received (one place per deployment is enough; it is idempotent).
      if (opts.receive !== false) {
        stopRetention = startRetention({
          db,
          logger: opts.logger,
          rawRetentionDays: env.RAW_RETENTION_DAYS,
          dedupRetentionDays: env.DEDUP_RETENTION_DAYS,
          intervalMs: env.RETENTION_INTERVAL_MINUTES * 60_000,
        });
      }
    },
    async stop() {
      await service.drain();
      await stopRetention?.();
      if (ownDb) await db.close();
    },
  };
}
