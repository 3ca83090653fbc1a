import { describe, expect, it } from "vitest";
import { createRegistry, perScrape } from "./registry.ts";
import { serveMetrics } from "./serve.ts";

describe("createRegistry", () => {
  it("writes build_info with service, version and node, and the prefixed default metrics when asked", async () => {
    const text = await createRegistry({ service: "admin", version: "1.2.3", defaultMetrics: true }).metrics();
    expect(text).toContain(
      `wearables_build_info{service="admin",version="1.2.3",node="${process.version}"} 1`,
    );
    for (const name of [
      "wearables_process_cpu_seconds_total",
      "wearables_process_resident_memory_bytes",
      "wearables_nodejs_eventloop_lag_seconds",
      "wearables_nodejs_gc_duration_seconds",
      "wearables_nodejs_heap_size_used_bytes",
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
  });

  it("leaves the default metrics out unless asked, and says unknown without a version", async () => {
    const text = await createRegistry({ service: "webhook" }).metrics();
    expect(text).toContain('service="webhook",version="unknown"');
    expect(text).not.toContain("process_cpu");
  });
});

describe("perScrape", () => {
  it("reads once for the gauges of one scrape, again for the next, and gives null when the read fails", async () => {
    let reads = 0;
    const read = perScrape(async () => ++reads, 20);
    expect(await Promise.all([read(), read(), read()])).toEqual([1, 1, 1]);
    await new Promise((r) => setTimeout(r, 60));
    expect(await read()).toBe(2);
    const failing = perScrape(async () => {
      throw new Error("db down");
    });
    expect(await failing()).toBeNull();
  });
});

describe("serveMetrics", () => {
  it("serves /metrics and /healthz, 404 elsewhere", async () => {
    const server = await serveMetrics(createRegistry({ service: "backfill" }), {
      port: 0,
      host: "127.0.0.1",
    });
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const m = await fetch(`${base}/metrics`);
      expect(m.status).toBe(200);
      expect(m.headers.get("content-type")).toContain("text/plain");
      expect(await m.text()).toContain('wearables_build_info{service="backfill"');
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/other`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
