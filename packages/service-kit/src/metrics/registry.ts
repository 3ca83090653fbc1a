import { collectDefaultMetrics, Gauge, Registry } from "prom-client";

/** Every metric of every service starts with this. */
export const METRIC_PREFIX = "wearables_";

export interface RegistryOptions {
  /** `service` of build_info: webhook, processor, admin, backfill. */
  service: string;
  /** The package's version or APP_VERSION; build_info says "unknown" without it. */
  version?: string;
  /**
   * Process, event-loop and GC metrics (prom-client's defaults, prefixed). They describe the whole
   * process: off in tests that build many apps in one process, on in every entry point.
   */
  defaultMetrics?: boolean;
}

/**
 * A service's registry: one per app (tests read their own numbers, and under `pnpm start` each app
 * keeps its own), with `wearables_build_info{service,version,node}` = 1 and, when asked, the
 * default metrics.
 */
export function createRegistry(opts: RegistryOptions): Registry {
  const register = new Registry();
  if (opts.defaultMetrics) collectDefaultMetrics({ register, prefix: METRIC_PREFIX });
  new Gauge({
    name: `${METRIC_PREFIX}build_info`,
    help: "Always 1; the labels say what runs.",
    labelNames: ["service", "version", "node"],
    registers: [register],
  }).set({ service: opts.service, version: opts.version ?? "unknown", node: process.version }, 1);
  return register;
}

/**
 * A value read from the database once per scrape however many gauges show it (a scrape collects
 * every gauge at once), then forgotten: the next scrape reads again. A failed read gives null (the
 * gauges keep their last values; /metrics still answers).
 */
export function perScrape<T>(read: () => Promise<T>, holdMs = 250): () => Promise<T | null> {
  let current: Promise<T | null> | null = null;
  return () => {
    current ??= read()
      .catch(() => null)
      .finally(() => {
        setTimeout(() => {
          current = null;
        }, holdMs).unref();
      });
    return current;
  };
}
