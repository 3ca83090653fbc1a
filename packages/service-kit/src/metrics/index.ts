// The metrics side of the service kit (prom-client): each service's registry with build_info and
// the default metrics, a per-scrape database read, and /metrics for a process without an HTTP app.
export { createRegistry, METRIC_PREFIX, perScrape, type RegistryOptions } from "./registry.ts";
export { serveMetrics } from "./serve.ts";
