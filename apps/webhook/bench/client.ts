// Load generator, run as its own process so that it does not share the service's event loop.
// Closed loop (N connections, each sends its next delivery when the previous is answered) or open
// loop (a fixed arrival rate, as Terra does not slow down when we do). Prints one JSON result.
import http from "node:http";
import { signWebhook } from "@wearables/terra-client";
import { mixPool, USER_PLACEHOLDER } from "./payloads.ts";

export interface ClientConfig {
  url: string;
  secret: string;
  run: string;
  durationMs: number;
  warmupMs: number;
  connections: number;
  /** Open loop: deliveries per second (connections then bounds the requests in flight). */
  rate?: number;
  users?: number;
}

export interface ClientResult {
  sent: number;
  statuses: Record<string, number>;
  acknowledgedPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Latency of the 2xx answers only. */
  ackP99Ms: number;
  meanBytes: number;
  /** Filled in by the benchmark: CPU of the service process (not the database) per answer. */
  serviceCpuMsPerDelivery?: number;
  /** Filled in by the benchmark: p99 measured inside the service (handler start to answer). */
  serviceP99Ms?: number;
  /** Every 2xx of the run, warm-up included, and the run's wall time (for end-to-end rates). */
  ackedTotal: number;
  wallMs: number;
  /** Epoch ms when the last request was answered. */
  endedAt: number;
}

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

async function main() {
  const cfg = JSON.parse(process.argv[2] as string) as ClientConfig;
  const pool = mixPool().bodies;
  let ackedTotal = 0;
  const target = new URL(cfg.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: cfg.connections });
  let n = 0;
  let bytes = 0;
  const latencies: number[] = [];
  const acked: number[] = [];
  const statuses: Record<string, number> = {};
  const start = performance.now();
  const measureFrom = start + cfg.warmupMs;
  const end = measureFrom + cfg.durationMs;

  const one = () =>
    new Promise<void>((resolve) => {
      const i = n++;
      const body = Buffer.from(
        (pool[i % pool.length] as string).replace(USER_PLACEHOLDER, `bench-u-${i % (cfg.users ?? 400)}`),
      );
      const headers = {
        "content-type": "application/json",
        "content-length": String(body.byteLength),
        "x-terra-trace-id": `${cfg.run}-${i}`,
        "x-terra-ordering-timestamp": String(Date.now()),
        "terra-signature": signWebhook(body, cfg.secret, Math.floor(Date.now() / 1000)),
      };
      const t0 = performance.now();
      const req = http.request(target, { method: "POST", agent, headers }, (res) => {
        res.resume();
        res.on("end", () => {
          const t1 = performance.now();
          if ((res.statusCode ?? 0) < 300) ackedTotal++;
          // Counted by when it was sent, so a slow answer after the window still counts (with its latency).
          if (t0 >= measureFrom && t0 < end) {
            const key = String(res.statusCode);
            statuses[key] = (statuses[key] ?? 0) + 1;
            latencies.push(t1 - t0);
            bytes += body.byteLength;
            if ((res.statusCode ?? 0) < 300) acked.push(t1 - t0);
          }
          resolve();
        });
      });
      req.on("error", () => {
        if (t0 >= measureFrom && t0 < end) statuses.error = (statuses.error ?? 0) + 1;
        resolve();
      });
      req.end(body);
    });

  if (cfg.rate) {
    const inFlight = new Set<Promise<void>>();
    const interval = 1000 / cfg.rate;
    let due = performance.now();
    while (performance.now() < end) {
      while (due <= performance.now() && inFlight.size < cfg.connections) {
        const p = one();
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p));
        due += interval;
      }
      await new Promise((r) => setTimeout(r, 1));
    }
    await Promise.all(inFlight);
  } else {
    await Promise.all(
      Array.from({ length: cfg.connections }, async () => {
        while (performance.now() < end) await one();
      }),
    );
  }
  agent.destroy();
  latencies.sort((a, b) => a - b);
  acked.sort((a, b) => a - b);
  const result: ClientResult = {
    sent: latencies.length,
    statuses,
    acknowledgedPerSecond: acked.length / (cfg.durationMs / 1000),
    p50Ms: pct(latencies, 50),
    p99Ms: pct(latencies, 99),
    maxMs: latencies.at(-1) ?? Number.NaN,
    ackP99Ms: pct(acked, 99),
    meanBytes: latencies.length ? Math.round(bytes / latencies.length) : 0,
    ackedTotal,
    wallMs: performance.now() - start,
    endedAt: Date.now(),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

void main();
