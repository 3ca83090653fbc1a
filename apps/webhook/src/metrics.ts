import { createRegistry, perScrape } from "@wearables/service-kit/metrics";
import { type Db, inboxBacklog } from "@wearables/storage";
import { Counter, Gauge, Histogram } from "prom-client";

/**
 * The service's metrics (prom-client, one registry per app so that tests read their own numbers).
 * The backlog is read from the database at scrape time: it is the queue every replica shares,
 * not this process's view of it.
 */
export function createMetrics(opts: {
  /** build_info's service: webhook, or processor for the processing-only command. */
  service?: string;
  db?: Db;
  /** Process, event-loop and GC metrics (off in tests: they are process-wide). */
  defaults?: boolean;
  version?: string;
  /** Deliveries queued in this process for an inbox commit. */
  commitQueueDepth?: () => number;
  /** Rows this process holds in memory for processing. */
  localBacklog?: () => number;
}) {
  const register = createRegistry({
    service: opts.service ?? "webhook",
    version: opts.version,
    defaultMetrics: opts.defaults,
  });
  const p = "wearables_webhook_";

  const deliveries = new Counter({
    name: `${p}deliveries_total`,
    help: "Deliveries answered, by outcome (stored, duplicate, rejected_*, shed_*, db_error, ...).",
    labelNames: ["outcome"],
    registers: [register],
  });
  const signatureFailures = new Counter({
    name: `${p}signature_failures_total`,
    help: "Deliveries refused with 401, by reason.",
    labelNames: ["reason"],
    registers: [register],
  });
  const latency = new Histogram({
    name: `${p}request_duration_seconds`,
    help: "Time from request start to answer, by HTTP status.",
    labelNames: ["status"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 8, 15],
    registers: [register],
  });
  const commitSize = new Histogram({
    name: `${p}inbox_commit_size`,
    help: "Deliveries stored per group-commit transaction of the inbox.",
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: [register],
  });
  const commitDuration = new Histogram({
    name: `${p}inbox_commit_seconds`,
    help: "Duration of one inbox group-commit transaction, by result.",
    labelNames: ["result"],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [register],
  });
  const shed = new Counter({
    name: `${p}shed_total`,
    help: "Verified deliveries answered 503 before storing, by reason.",
    labelNames: ["reason"],
    registers: [register],
  });
  new Gauge({
    name: `${p}commit_queue_depth`,
    help: "Deliveries of this process waiting for an inbox commit.",
    registers: [register],
    collect() {
      this.set(opts.commitQueueDepth?.() ?? 0);
    },
  });

  // Processing.
  const processed = new Counter({
    name: "wearables_events_processed_total",
    help: "Inbox events processed, by event type and outcome (processed, partial, failed, ignored, pending).",
    labelNames: ["type", "status"],
    registers: [register],
  });
  const retries = new Counter({
    name: "wearables_events_retried_total",
    help: "Inbox events put back for a later attempt (the database failed, or a worker died), by reason.",
    labelNames: ["reason"],
    registers: [register],
  });
  const warnings = new Counter({
    name: "wearables_event_warnings_total",
    help: "Things accepted but not known (an enum code Terra added...), by code.",
    labelNames: ["code"],
    registers: [register],
  });
  const lag = new Histogram({
    name: "wearables_processing_lag_seconds",
    help: "From receipt (the acknowledgement) to processed, per event.",
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600],
    registers: [register],
  });
  const batchDuration = new Histogram({
    name: "wearables_processing_batch_seconds",
    help: "Duration of one processing transaction, by result.",
    labelNames: ["result"],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [register],
  });
  new Gauge({
    name: "wearables_processing_local_backlog",
    help: "Acknowledged rows this process holds in memory for its processor.",
    registers: [register],
    collect() {
      this.set(opts.localBacklog?.() ?? 0);
    },
  });

  // The shared backlog, read once per scrape (one statement for the three gauges).
  const backlog = perScrape(() => (opts.db ? inboxBacklog(opts.db) : Promise.resolve(null)));
  new Gauge({
    name: "wearables_inbox_backlog",
    help: "Acknowledged deliveries waiting for processing (every replica's), by state.",
    labelNames: ["state"],
    registers: [register],
    async collect() {
      const b = await backlog();
      if (!b) return;
      this.set({ state: "waiting" }, b.waiting - b.retrying);
      this.set({ state: "retrying" }, b.retrying);
    },
  });
  new Gauge({
    name: "wearables_inbox_backlog_bytes",
    help: "Bytes of the bodies waiting for processing.",
    registers: [register],
    async collect() {
      const b = await backlog();
      if (b) this.set(b.waitingBytes);
    },
  });
  new Gauge({
    name: "wearables_inbox_oldest_age_seconds",
    help: "Age of the oldest delivery waiting for processing (0: none).",
    registers: [register],
    async collect() {
      const b = await backlog();
      if (b)
        this.set(b.oldestReceivedAt ? Math.max(0, (Date.now() - b.oldestReceivedAt.getTime()) / 1000) : 0);
    },
  });

  return {
    register,
    deliveries,
    signatureFailures,
    latency,
    commitSize,
    commitDuration,
    shed,
    processed,
    retries,
    warnings,
    lag,
    batchDuration,
    render: () => register.metrics(),
    contentType: register.contentType,
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
