import { randomUUID } from "node:crypto";
import type { IngestConfig } from "@wearables/ingest";
import { compileWebhookEventParsers } from "@wearables/schemas";
import type { Db } from "@wearables/storage";
import { Hono } from "hono";
import type { Logger } from "pino";
import { Admission } from "./admission.ts";
import { type Committer, PartitionedCommitter } from "./batcher.ts";
import { AppError, errorBody } from "./errors.ts";
import { createMetrics, type Metrics } from "./metrics.ts";
import { healthRoutes } from "./routes/health.ts";
import { terraRoutes } from "./routes/terra.ts";
import { commitBatch, type Delivery, type StoreResult } from "./store.ts";

export interface BatchSettings {
  maxBatch: number;
  maxBatchBytes: number;
  lingerMs: number;
  concurrency: number;
  maxQueue: number;
  maxQueueBytes: number;
  deadlineMs: number;
  /** Answer 503 if the transaction holding a delivery has not committed by then. */
  commitTimeoutMs: number;
}

export const DEFAULT_BATCH: BatchSettings = {
  maxBatch: 64,
  maxBatchBytes: 8 * 2 ** 20,
  lingerMs: 2,
  concurrency: 1,
  maxQueue: 2048,
  maxQueueBytes: 512 * 2 ** 20,
  deadlineMs: 6000,
  commitTimeoutMs: 7000,
};

export interface WebhookDeps {
  db: Db;
  ingest: IngestConfig;
  /** Signing secrets; two during a rotation. */
  secrets: readonly string[];
  toleranceSeconds?: number;
  bodyLimit?: number;
  batch?: Partial<BatchSettings>;
  logger: Logger;
  /** Epoch milliseconds; injectable for signature-time tests. */
  clock?: () => number;
  /** Replaces the durable step (tests: a database that fails on demand). Default commitBatch. */
  commit?: (deliveries: Delivery[]) => Promise<StoreResult[]>;
}

export type AppEnv = { Variables: { requestId: string; log: Logger } };

export interface WebhookApp {
  app: Hono<AppEnv>;
  metrics: Metrics;
  committer: Committer<Delivery, StoreResult>;
  /** Refuse new deliveries, then commit and answer every queued one. */
  drain(maxWaitMs?: number): Promise<void>;
}

/** Builds the webhook service: no env reads, no listen, no timers besides the batch linger. */
export function createApp(deps: WebhookDeps): WebhookApp {
  // The stored types' validators compiled now (~0.2 s, once per process), not after a few uses:
  // until then zod returns a deep copy of a valid event, tens of MB more for a large delivery.
  compileWebhookEventParsers([...deps.ingest.dataTypes]);
  const batch = { ...DEFAULT_BATCH, ...deps.batch };
  const clock = deps.clock ?? Date.now;
  const commit = deps.commit ?? ((ds: Delivery[]) => commitBatch(deps.db, ds, deps.ingest));
  let committer: Committer<Delivery, StoreResult> | undefined;
  const metrics = createMetrics(() => committer?.depth ?? 0);
  committer = new PartitionedCommitter<Delivery, StoreResult>(
    {
      ...batch,
      commit,
      sizeOf: (d) => d.rawBody.byteLength,
      onBatch: (b) => {
        metrics.batchSize.observe(b.size);
        metrics.batchDuration.observe(b.ms / 1000, { result: b.ok ? "committed" : "failed" });
        if (!b.ok) deps.logger.error({ size: b.size, ms: b.ms }, "group commit failed");
      },
    },
    // A user's deliveries share a lane: concurrent transactions never wait on each other's rows.
    (d) => d.prepared.userId ?? d.deliveryKey,
  );

  const app = new Hono<AppEnv>();
  let inFlight = 0;
  app.use(async (c, next) => {
    inFlight += 1;
    try {
      const requestId = c.req.header("x-request-id")?.slice(0, 128) || randomUUID();
      c.set("requestId", requestId);
      c.set("log", deps.logger.child({ requestId }));
      c.header("x-request-id", requestId);
      await next();
    } finally {
      inFlight -= 1;
    }
  });

  app.route(
    "/",
    terraRoutes({
      ingest: deps.ingest,
      secrets: deps.secrets,
      toleranceSeconds: deps.toleranceSeconds ?? 300,
      bodyLimit: deps.bodyLimit ?? 64 * 2 ** 20,
      commitTimeoutMs: batch.commitTimeoutMs,
      committer,
      // Half the deadline: what is admitted now can still be answered inside Terra's window.
      admission: new Admission({
        maxAgeMs: batch.deadlineMs / 2,
        maxInFlight: batch.maxQueue + batch.concurrency * batch.maxBatch,
      }),
      metrics,
      clock,
    }),
  );
  app.route("/", healthRoutes({ db: deps.db, metrics }));

  app.notFound((c) =>
    c.json(errorBody("not_found", `no route ${c.req.method} ${c.req.path}`, c.get("requestId")), 404),
  );
  app.onError((err, c) => {
    const requestId = c.get("requestId") ?? "unknown";
    const log = c.get("log") ?? deps.logger;
    if (err instanceof AppError) {
      if (err.status >= 500) log.error({ code: err.code, err: err.cause ?? err }, err.message);
      if (err.retryAfterSeconds !== undefined) c.header("retry-after", String(err.retryAfterSeconds));
      return c.json(errorBody(err.code, err.message, requestId), err.status);
    }
    log.error({ err }, "unhandled error");
    return c.json(errorBody("internal_error", "internal error", requestId), 500);
  });

  // Requests already being read or verified still get their commit; only then is the batcher closed.
  const drain = async (maxWaitMs = 5000) => {
    const until = Date.now() + maxWaitMs;
    while (inFlight > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    await (committer as Committer<Delivery, StoreResult>).drain();
  };
  return { app, metrics, committer, drain };
}
