// One large delivery to a fresh service process: time to the acknowledgement and to processed,
// peak RSS growth (Linux VmHWM, reset just before) until each, and how small deliveries sent one
// after another meanwhile are answered.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { signWebhook } from "@wearables/terra-client";
import { bigPayload } from "./payloads.ts";

const HERE = dirname(fileURLToPath(import.meta.url));

export interface BigResult {
  database: "postgres" | "pglite";
  bodyBytes: number;
  ackStatus: number;
  ackMs: number;
  processedMs: number;
  ackGrowth: number;
  processedGrowth: number;
  smallAnswered: number;
  smallStatuses: Record<string, number>;
  smallP99Ms: number;
}

function post(port: number, body: Buffer, secret: string, traceId: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      `http://127.0.0.1:${port}/webhooks/terra`,
      {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "content-length": String(body.byteLength),
          "x-terra-trace-id": traceId,
          "terra-signature": signWebhook(body, secret, Math.floor(Date.now() / 1000)),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", () => resolve(0));
    req.end(body);
  });
}

export async function bigDeliveryRun(o: {
  bytes: number;
  database: "postgres" | "pglite";
  secret: string;
  pgDatabase: (tag: string) => Promise<{ url: string; drop: () => Promise<void> }>;
  log: (m: string) => void;
}): Promise<BigResult> {
  const dir = o.database === "pglite" ? mkdtempSync(join(tmpdir(), "bench-big-")) : null;
  const pgdb = o.database === "postgres" ? await o.pgDatabase("big") : null;
  const url = pgdb ? pgdb.url : `pglite://${dir}`;
  const body = Buffer.from(bigPayload(o.bytes));
  o.log(`${(body.byteLength / 2 ** 20).toFixed(0)} MiB delivery on ${o.database} …`);
  const child = spawn(process.execPath, ["--import", "tsx", join(HERE, "server.ts")], {
    cwd: join(HERE, ".."),
    env: {
      ...process.env,
      DATABASE_URL: url,
      BENCH_SECRET: o.secret,
      WEBHOOK_BODY_LIMIT: "128mb",
      LOG_LEVEL: "silent",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.stdout.on("data", (b: Buffer) => {
        const m = /"port":(\d+)/.exec(b.toString());
        if (m) resolve(Number(m[1]));
      });
      child.on("exit", (c) => reject(new Error(`server exited ${c}`)));
    });
    const kb = (field: string) =>
      Number(
        new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))?.[1] ?? 0,
      ) * 1024;
    await new Promise((r) => setTimeout(r, 1500));
    const before = kb("VmRSS");
    writeFileSync(`/proc/${child.pid}/clear_refs`, "5");
    const t0 = performance.now();
    const ackStatus = await post(port, body, o.secret, "big-1");
    const ackMs = performance.now() - t0;
    const ackPeak = kb("VmHWM");
    // Small deliveries one after another until the large one is processed (read by another
    // connection: PGlite is the child's own, so its status is polled through the child's metrics).
    const small = Buffer.from(
      JSON.stringify({
        type: "healthcheck",
        status: "normal",
        creation_timestamp: "2026-01-01 00:00:00+00:00",
      }),
    );
    const latencies: number[] = [];
    const statuses: Record<string, number> = {};
    let processedMs = Number.NaN;
    const done = async () => {
      const text = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text());
      return /wearables_events_processed_total\{type="body",status="processed"\} [1-9]/.test(text);
    };
    for (let i = 0; i < 100_000; i++) {
      const s0 = performance.now();
      const status = await post(
        port,
        Buffer.concat([small, Buffer.from(" ".repeat(i % 7))]),
        o.secret,
        `small-${i}`,
      );
      latencies.push(performance.now() - s0);
      statuses[String(status)] = (statuses[String(status)] ?? 0) + 1;
      if (i % 5 === 0 && (await done())) {
        processedMs = performance.now() - t0 - ackMs;
        break;
      }
      if (performance.now() - t0 > 300_000) break;
    }
    const processedPeak = kb("VmHWM");
    latencies.sort((a, b) => a - b);
    return {
      database: o.database,
      bodyBytes: body.byteLength,
      ackStatus,
      ackMs,
      processedMs,
      ackGrowth: ackPeak - before,
      processedGrowth: processedPeak - before,
      smallAnswered: latencies.length,
      smallStatuses: statuses,
      smallP99Ms:
        latencies[Math.min(latencies.length - 1, Math.floor(0.99 * latencies.length))] ?? Number.NaN,
    };
  } finally {
    child.kill("SIGKILL");
    await new Promise((r) => setTimeout(r, 200));
    if (dir) rmSync(dir, { recursive: true, force: true });
    await pgdb?.drop();
  }
}
