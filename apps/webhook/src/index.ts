// The webhook service's entry point: the only file that reads the environment.
import { serve } from "@hono/node-server";
import { loadIngestConfig } from "@wearables/ingest";
import { createDb, migrate } from "@wearables/storage";
import pino from "pino";
import { createApp } from "./app.ts";
import { parseEnv } from "./env.ts";
import { startRetention } from "./retention.ts";

async function main(): Promise<void> {
  let env: ReturnType<typeof parseEnv>;
  try {
    env = parseEnv(process.env);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(2);
  }
  const logger = pino({
    level: env.LOG_LEVEL,
    base: { service: "webhook" },
    redact: ["req.headers", "secret", "secrets"],
  });
  const ingest = loadIngestConfig({
    dataTypes: env.DATA_TYPES,
    fieldSelection: env.FIELD_SELECTION,
    download: { timeoutMs: env.S3_TIMEOUT_MS, retries: env.S3_RETRIES },
  });
  const db = await createDb(env.DATABASE_URL, { poolSize: env.DB_POOL_SIZE });
  await migrate(db);
  const concurrency = env.BATCH_CONCURRENCY ?? (db.kind === "pglite" ? 1 : Math.min(4, env.DB_POOL_SIZE));

  const { app, drain } = createApp({
    db,
    ingest,
    secrets: env.TERRA_WEBHOOK_SECRET,
    toleranceSeconds: env.SIGNATURE_TOLERANCE_SECONDS,
    bodyLimit: env.WEBHOOK_BODY_LIMIT,
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
    logger,
  });
  const stopRetention = startRetention({
    db,
    logger,
    rawRetentionDays: env.RAW_RETENTION_DAYS,
    dedupRetentionDays: env.DEDUP_RETENTION_DAYS,
    intervalMs: env.RETENTION_INTERVAL_MINUTES * 60_000,
  });

  const server = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, (info) => {
    logger.info({ port: info.port, database: db.kind, concurrency }, "webhook listening");
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: no new connections, flushing batches");
    const force = setTimeout(() => {
      logger.error("shutdown timed out");
      process.exit(1);
    }, env.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    // Stop accepting connections; requests already in flight finish through the batcher.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    await drain();
    await stopRetention();
    await closed;
    await db.close();
    logger.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((err) => {
  process.stderr.write(`webhook failed to start: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
