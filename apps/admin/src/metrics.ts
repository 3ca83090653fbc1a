// The admin API's /metrics: its own requests by route template and status, and what the database
// knows that no other long-running process exports (ADR 0610): the backfill's passes (it exits
// after each one under cron), connections by status, the inbox's last delivery and failures.
import { createRegistry, perScrape } from "@wearables/service-kit/metrics";
import {
  backfillPassHealth,
  CONNECTION_STATUSES,
  connectionStatusCounts,
  type Db,
  failedEventCount,
  lastDeliveryAt,
} from "@wearables/storage";
import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { Counter, Gauge, Histogram, type Registry } from "prom-client";

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/**
 * The route template that answered (`/v1/users/:id`), never the path: labels stay few whatever
 * is requested. The last matched route that is a handler (middleware is registered for ALL
 * methods); `unmatched` when none is (a 404, or a request refused before routing mattered).
 */
function routeTemplate(c: Context): string {
  const routes = matchedRoutes(c);
  for (let i = routes.length - 1; i >= 0; i--) {
    const r = routes[i]!;
    if (r.method !== "ALL") return r.path;
  }
  return "unmatched";
}

const seconds = (d: Date | null | undefined) => (d ? d.getTime() / 1000 : 0);

export interface AdminMetrics {
  registry: Registry;
  /** Counts and times every request (place it right after the request context). */
  middleware: MiddlewareHandler;
}

export function createAdminMetrics(opts: {
  db: Db;
  version?: string;
  defaultMetrics?: boolean;
}): AdminMetrics {
  const registry = createRegistry({
    service: "admin",
    version: opts.version,
    defaultMetrics: opts.defaultMetrics,
  });
  const labelNames = ["method", "route", "status"] as const;
  const requests = new Counter({
    name: "wearables_admin_requests_total",
    help: "Requests answered, by method, route template and status.",
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: "wearables_admin_request_duration_seconds",
    help: "Time from request start to answer, by method, route template and status.",
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const middleware: MiddlewareHandler = async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const labels = {
        method: METHODS.has(c.req.method) ? c.req.method : "OTHER",
        route: routeTemplate(c),
        status: String(c.res.status),
      };
      requests.inc(labels);
      duration.observe(labels, (performance.now() - started) / 1000);
    }
  };

  // One read of the database per scrape, for every gauge below.
  const read = perScrape(async () => {
    const [passes, connections, lastDelivery, failed] = await Promise.all([
      backfillPassHealth(opts.db, "run"),
      connectionStatusCounts(opts.db),
      lastDeliveryAt(opts.db),
      failedEventCount(opts.db),
    ]);
    return { passes, connections, lastDelivery, failed };
  });
  const fromDb = (
    name: string,
    help: string,
    set: (g: Gauge, s: NonNullable<Awaited<ReturnType<typeof read>>>) => void,
    labels: string[] = [],
  ) =>
    new Gauge({
      name,
      help,
      labelNames: labels,
      registers: [registry],
      async collect() {
        const s = await read();
        if (s) set(this, s);
      },
    });

  fromDb(
    "wearables_backfill_last_success_timestamp_seconds",
    "End of the latest successful backfill pass over every connection (unix seconds; 0: none yet).",
    (g, s) => g.set(seconds(s.passes.lastSuccessAt)),
  );
  fromDb(
    "wearables_backfill_last_pass_timestamp_seconds",
    "End of the latest backfill pass over every connection (unix seconds; 0: none yet).",
    (g, s) => g.set(seconds(s.passes.last?.finishedAt)),
  );
  fromDb(
    "wearables_backfill_last_pass_ok",
    "1 if the latest backfill pass succeeded, 0 if it failed or none is recorded.",
    (g, s) => g.set(s.passes.last?.ok ? 1 : 0),
  );
  fromDb("wearables_backfill_last_pass_windows_failed", "Windows the latest backfill pass failed.", (g, s) =>
    g.set(s.passes.last?.windowsFailed ?? 0),
  );
  fromDb(
    "wearables_backfill_last_pass_documents",
    "Documents of the latest backfill pass, by outcome (inserted, updated, unchanged).",
    (g, s) => {
      const p = s.passes.last;
      g.set({ outcome: "inserted" }, p?.documentsInserted ?? 0);
      g.set({ outcome: "updated" }, p?.documentsUpdated ?? 0);
      g.set({ outcome: "unchanged" }, p?.documentsUnchanged ?? 0);
    },
    ["outcome"],
  );
  fromDb(
    "wearables_backfill_last_pass_invalid_records",
    "Records of Terra's answers that failed validation in the latest backfill pass.",
    (g, s) => g.set(s.passes.last?.invalidRecords ?? 0),
  );
  fromDb(
    "wearables_backfill_consecutive_failed_passes",
    "Failed backfill passes since the latest successful one.",
    (g, s) => g.set(s.passes.consecutiveFailed),
  );
  fromDb(
    "wearables_connections",
    "Terra connections by status (active, deauthorized, revoked, error).",
    (g, s) => {
      // Every status, 0 included: an alert on `error` needs the series before the first one.
      for (const status of CONNECTION_STATUSES) {
        g.set({ status }, s.connections.find((c) => c.status === status)?.count ?? 0);
      }
    },
    ["status"],
  );
  fromDb(
    "wearables_inbox_last_received_timestamp_seconds",
    "Receipt of the newest delivery in the inbox, from any webhook replica (unix seconds; 0: none).",
    (g, s) => g.set(seconds(s.lastDelivery)),
  );
  fromDb("wearables_inbox_failed_events", "Inbox events in status failed now (replayable).", (g, s) =>
    g.set(s.failed),
  );
  return { registry, middleware };
}
