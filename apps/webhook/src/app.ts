import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { createPreparePool, type IngestConfig, type PreparePool } from "@wearables/ingest";
import { notFound, onError, type RequestEnv, requestContext } from "@wearables/service-kit/http";
import type { Db, ReceivedDelivery, ReceivedResult } from "@wearables/storage";
import { Hono } from "hono";
import type { Logger } from "pino";
import { Admission } from "./admission.ts";
import { BacklogGuard } from "./backlog.ts";
import { type BodyLimits, DEFAULT_BODY_LIMITS, ReadBudget } from "./body.ts";
import { InboxWriter } from "./inbox-writer.ts";
import { createMetrics, type Metrics } from "./metrics.ts";
import { DEFAULT_PROCESSOR, Processor, type ProcessorSettings } from "./processing/processor.ts";
import { healthRoutes } from "./routes/health.ts";
import { terraRoutes } from "./routes/terra.ts";

/** The acknowledgement's group commit of inbox INSERTs. */
export interface BatchSettings {
  maxBatch: number;
  maxBatchBytes: number;
  lingerMs: number;
  /** INSERT statements in flight at once (1 on embedded PGlite, a few on PostgreSQL). */
  concurrency: number;
  maxQueue: number;
  maxQueueBytes: number;
  deadlineMs: number;
  /** Answer 503 if the statement holding a delivery has not committed by then. */
  commitTimeoutMs: number;
}

export const DEFAULT_BATCH: BatchSettings = {
  maxBatch: 128,
  maxBatchBytes: 8 * 2 ** 20,
  lingerMs: 2,
  concurrency: 1,
  maxQueue: 4096,
  maxQueueBytes: 512 * 2 ** 20,
  deadlineMs: 6000,
  commitTimeoutMs: 7000,
};

export interface ProcessingOptions {
  /** Run a processor in this process (default true; false: receive only, another process processes). */
  enabled?: boolean;
  /** Worker threads for parsing and validation (0: inline). Default: cores − 1, at least 1. */
  threads?: number;
  settings?: Partial<ProcessorSettings>;
  /** The name rows are leased to (default host:pid:random). */
  owner?: string;
}

export interface WebhookDeps {
  db: Db;
  ingest: IngestConfig;
  /** Signing secrets; two during a rotation. */
  secrets: readonly string[];
  toleranceSeconds?: number;
  bodyLimit?: number;
  body?: Partial<Omit<BodyLimits, "limit" | "budget">>;
  /** Bytes all bodies being read may reserve in whole-body buffers at once. */
  readBudgetBytes?: number;
  batch?: Partial<BatchSettings>;
  processing?: ProcessingOptions;
  /** Shed signed deliveries past this processing backlog (0: none; the default except on PGlite). */
  backlog?: { maxRows?: number; maxBytes?: number };
  logger: Logger;
  /** Epoch milliseconds; injectable for signature-time tests. */
  clock?: () => number;
  /** Replaces the inbox INSERT (tests: a database that fails on demand). */
  insert?: (deliveries: ReceivedDelivery[], opts: { leaseMs?: number }) => Promise<ReceivedResult[]>;
  /** Serve POST /webhooks/terra (default true; false: a processor with health and metrics only). */
  receive?: boolean;
  /** Process-wide default metrics (event loop, GC, memory) in /metrics. */
  defaultMetrics?: boolean;
  version?: string;
}

export type AppEnv = RequestEnv;

export interface WebhookApp {
  app: Hono<AppEnv>;
  metrics: Metrics;
  writer: InboxWriter;
  /** Null when processing is disabled in this process. */
  processor: Processor | null;
  pool: PreparePool | null;
  /** Starts processing behind the inbox (a no-op without a processor). */
  start(): void;
  /** Refuse new deliveries, commit and answer every queued one, then stop processing. */
  drain(maxWaitMs?: number): Promise<void>;
}

export function defaultOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
}

/** Builds the webhook service: no env reads, no listen; timers start with start(). */
export function createApp(deps: WebhookDeps): WebhookApp {
  const batch = { ...DEFAULT_BATCH, ...deps.batch };
  const clock = deps.clock ?? Date.now;
  const processing = deps.processing ?? {};
  const pool =
    processing.enabled === false
      ? null
      : createPreparePool(deps.ingest, { threads: processing.threads ?? 1 });
  let writer: InboxWriter | undefined;
  let processor: Processor | null = null;
  const metrics = createMetrics({
    service: deps.receive === false ? "processor" : "webhook",
    db: deps.db,
    defaults: deps.defaultMetrics,
    version: deps.version,
    commitQueueDepth: () => writer?.depth ?? 0,
    localBacklog: () => processor?.localDepth ?? 0,
  });
  if (pool) {
    processor = new Processor({
      db: deps.db,
      ingest: deps.ingest,
      pool,
      logger: deps.logger,
      metrics,
      owner: processing.owner ?? defaultOwner(),
      settings: processing.settings,
      now: clock,
    });
  }
  writer = new InboxWriter({
    db: deps.db,
    ...batch,
    handoff: processor ?? undefined,
    insert: deps.insert,
    onBatch: (b) => {
      metrics.commitSize.observe(b.size);
      metrics.commitDuration.observe({ result: b.ok ? "committed" : "failed" }, b.ms / 1000);
      if (!b.ok) deps.logger.error({ size: b.size, ms: b.ms }, "inbox commit failed");
    },
  });
  const pglite = deps.db.kind === "pglite";
  const backlog = new BacklogGuard({
    db: deps.db,
    maxRows: deps.backlog?.maxRows ?? (pglite ? 20_000 : 0),
    maxBytes: deps.backlog?.maxBytes ?? (pglite ? 2 * 2 ** 30 : 0),
    now: clock,
  });

  const app = new Hono<AppEnv>();
  let inFlight = 0;
  app.use(requestContext(deps.logger));
  app.use(async (_c, next) => {
    inFlight += 1;
    try {
      await next();
    } finally {
      inFlight -= 1;
    }
  });

  if (deps.receive !== false)
    app.route(
      "/",
      terraRoutes({
        secrets: deps.secrets,
        toleranceSeconds: deps.toleranceSeconds ?? 300,
        body: {
          ...DEFAULT_BODY_LIMITS,
          ...deps.body,
          limit: deps.bodyLimit ?? 64 * 2 ** 20,
          budget: new ReadBudget(deps.readBudgetBytes ?? 1024 * 2 ** 20),
        },
        commitTimeoutMs: batch.commitTimeoutMs,
        writer,
        // Half the deadline: what is admitted now can still be answered inside Terra's window.
        admission: new Admission({
          maxAgeMs: batch.deadlineMs / 2,
          maxInFlight: batch.maxQueue + batch.concurrency * batch.maxBatch,
        }),
        backlog,
        metrics,
        clock,
      }),
    );
  app.route("/", healthRoutes({ db: deps.db, metrics }));

  app.notFound(notFound);
  app.onError(onError);

  let started = false;
  const start = () => {
    if (started) return;
    started = true;
    processor?.start();
    if (backlog.enabled) void backlog.refresh().catch(() => {});
  };
  // Requests already being read or verified still get their commit; only then is the writer closed.
  const drain = async (maxWaitMs = 5000) => {
    const until = Date.now() + maxWaitMs;
    while (inFlight > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 10));
    await (writer as InboxWriter).drain();
    await processor?.stop();
    await pool?.close();
  };
  return { app, metrics, writer, processor, pool, start, drain };
}

export { DEFAULT_PROCESSOR };
