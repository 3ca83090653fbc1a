// Helpers of read.bench.ts: latency statistics, the HTTP client process, CPU of this process.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface Stats {
  p50: number;
  p99: number;
  rps: number;
  n: number;
}

export function stats(latencies: number[], seconds: number): Stats {
  const lat = [...latencies].sort((a, b) => a - b);
  const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))] ?? Number.NaN;
  return { p50: q(0.5), p99: q(0.99), rps: lat.length / seconds, n: lat.length };
}

function child<T>(script: string, arg: unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    execFile(
      process.execPath,
      [fileURLToPath(new URL(script, import.meta.url)), JSON.stringify(arg)],
      { maxBuffer: 64 << 20 },
      (err, stdout) => (err ? reject(err) : resolve(JSON.parse(stdout) as T)),
    );
  });
}

export interface HttpRun extends Stats {
  /** Bytes of the last answer as the client's fetch decoded them. */
  bytes: number;
  /** CPU of the server process (this one) per request, ms. */
  serverCpuMs: number;
  /** CPU of the client process per request, ms (it shares the machine's cores). */
  clientCpuMs: number;
}

/** Closed-loop HTTP load from a separate process (bench/http-client.mjs). */
export async function httpLoad(opts: {
  base: string;
  token: string;
  paths: string[];
  clients: number;
  requests: number;
  headers?: Record<string, string>;
  etags?: string[];
}): Promise<HttpRun> {
  const cpu0 = process.cpuUsage();
  const r = await child<{ latencies: number[]; seconds: number; bytes: number; clientCpuMs: number }>(
    "./http-client.mjs",
    {
      ...opts,
      warmup: opts.clients * 4,
    },
  );
  const cpu = process.cpuUsage(cpu0);
  const s = stats(r.latencies, r.seconds);
  return {
    ...s,
    bytes: r.bytes,
    serverCpuMs: (cpu.user + cpu.system) / 1000 / (s.n + opts.clients * 4),
    clientCpuMs: r.clientCpuMs,
  };
}

export function drain(opts: { base: string; token: string; target: number; limit: number }) {
  return child<{ seen: number; pages: number; seconds: number; pageMs: number[] }>("./drain.mjs", opts);
}

/** The same call in this process, `clients` at a time (no HTTP): what the route itself adds. */
export async function direct(
  fn: (i: number) => Promise<unknown>,
  clients: number,
  requests: number,
): Promise<Stats> {
  for (let i = 0; i < clients * 4; i++) await fn(requests - 1 - i);
  const lat: number[] = [];
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < requests) {
        const i = next++;
        const t0 = performance.now();
        await fn(i);
        lat.push(performance.now() - t0);
      }
    }),
  );
  return stats(lat, (performance.now() - start) / 1000);
}
