// The real entry point as a child process: SIGKILL in the middle of group commits must leave every
// acknowledged delivery stored; SIGTERM must answer everything in flight and exit cleanly.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDb, type Db, rows } from "@wearables/storage";
import { signWebhook } from "@wearables/terra-client";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
const SECRET = "e2e-secret";
let databaseUrl: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  const server = process.env.TEST_DATABASE_URL;
  if (server) {
    const name = `webhook_e2e_${randomBytes(4).toString("hex")}`;
    const admin = new pg.Client({ connectionString: server });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(server);
    u.pathname = `/${name}`;
    databaseUrl = u.toString();
    cleanup = async () => {
      const c = new pg.Client({ connectionString: server });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), "webhook-e2e-"));
    databaseUrl = `pglite://${dir}`;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
});
afterAll(async () => {
  await cleanup?.();
});

interface Running {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

async function start(): Promise<Running> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
    cwd: APP_DIR,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      TERRA_WEBHOOK_SECRET: SECRET,
      PORT: "0",
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      BATCH_LINGER_MS: "5",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  let stderr = "";
  child.stderr?.on("data", (b) => {
    stderr += b;
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`service did not start: ${stderr}`)), 90_000);
    child.stdout?.on("data", (b: Buffer) => {
      out += b.toString();
      const m = /"port":(\d+).*webhook listening/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${m[1]}/webhooks/terra`);
      }
    });
    void exited.then((code) => reject(new Error(`service exited (${code}) before listening: ${stderr}`)));
  });
  return { child, url, exited };
}

function delivery(i: number, run: string) {
  const body = JSON.stringify({
    type: "body",
    user: { user_id: `e2e-${run}-${i % 7}`, provider: "WITHINGS" },
    data: [
      {
        metadata: {
          start_time: `2026-01-${String((i % 28) + 1).padStart(2, "0")}T00:00:00.000000+01:00`,
          end_time: `2026-01-${String((i % 28) + 1).padStart(2, "0")}T23:59:59.000000+01:00`,
        },
        measurements_data: {
          measurements: [{ weight_kg: 70 + (i % 10), measurement_time: "2026-01-01T07:00:00+01:00" }],
        },
        padding: "x".repeat(2000 + (i % 5) * 1000),
      },
    ],
  });
  return { traceId: `${run}-${i}`, body };
}

async function send(url: string, d: { traceId: string; body: string }): Promise<number> {
  try {
    const res = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-terra-trace-id": d.traceId,
        "terra-signature": signWebhook(d.body, SECRET, Math.floor(Date.now() / 1000)),
      },
      body: d.body,
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0; // connection reset by the kill
  }
}

/** Sends `count` deliveries, `concurrency` at a time, until `stop()` says so. */
async function load(url: string, run: string, count: number, concurrency: number, onAck: () => void) {
  const acked: string[] = [];
  const statuses: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const d = delivery(next++, run);
        const status = await send(url, d);
        statuses.push(status);
        if (status >= 200 && status < 300) {
          acked.push(d.traceId);
          onAck();
        }
      }
    }),
  );
  return { acked, statuses };
}

async function storedTraces(db: Db, run: string): Promise<Set<string>> {
  const r = await rows<{ trace_id: string }>(
    db,
    sql`select trace_id from webhook_events where trace_id like ${`${run}-%`}`,
  );
  return new Set(r.map((x) => x.trace_id));
}

async function withDb<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await createDb(databaseUrl, { poolSize: 2 });
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

describe("the service as a process", () => {
  it("killed with SIGKILL during batches, acknowledges nothing it had not stored", async () => {
    const svc = await start();
    let acks = 0;
    const result = load(svc.url, "kill", 3000, 32, () => {
      acks += 1;
      if (acks === 150) svc.child.kill("SIGKILL");
    });
    const { acked, statuses } = await result;
    await svc.exited;
    expect(acked.length).toBeGreaterThanOrEqual(150);
    expect(statuses.filter((s) => s === 0).length).toBeGreaterThan(0); // the kill really cut requests off
    const stored = await withDb((db) => storedTraces(db, "kill"));
    const lost = acked.filter((t) => !stored.has(t));
    expect(lost).toEqual([]);
  }, 180_000);

  it("on SIGTERM stops accepting, answers what is in flight after its commit, and exits 0", async () => {
    const svc = await start();
    let acks = 0;
    const result = load(svc.url, "term", 600, 16, () => {
      acks += 1;
      if (acks === 60) svc.child.kill("SIGTERM");
    });
    const { acked, statuses } = await result;
    expect(await svc.exited).toBe(0);
    expect(statuses.every((s) => s === 0 || s === 200 || s === 503)).toBe(true);
    const stored = await withDb((db) => storedTraces(db, "term"));
    expect(acked.filter((t) => !stored.has(t))).toEqual([]);
  }, 180_000);
});
