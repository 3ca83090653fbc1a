// Webhook load benchmark: our service (group commit) against the simplest correct design
// (one INSERT and one commit per request), both in this process, loaded from a child process,
// on real PostgreSQL and on embedded PGlite; plus peak memory for one 20 MB delivery and load
// shedding past PGlite's capacity. Writes the "webhook" section of docs/benchmarks.md.
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { loadIngestConfig } from "@wearables/ingest";
import { createDb, type Db, migrate } from "@wearables/storage";
import { signWebhook } from "@wearables/terra-client";
import { machineLine, writeBenchSection } from "@wearables/test-support/bench";
import type { Hono } from "hono";
import pg from "pg";
import pino from "pino";
import { type BatchSettings, createApp } from "../src/app.ts";
import { createBaselineApp } from "./baseline.ts";
import type { ClientConfig, ClientResult } from "./client.ts";
import { bigPayload } from "./payloads.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
const APP_DIR = join(HERE, "..");
const SECRET = "bench-secret";
const PG_SERVER = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
/** BENCH_ONLY=pg or pglite: that part only, no memory run, nothing written (for trying changes). */
const ONLY = process.env.BENCH_ONLY;
const QUICK = ONLY !== undefined;
/** Open-loop arrival rate for the shedding run, as a multiple of the closed-loop PGlite rate. */
const RATE_FACTOR = Number(process.env.BENCH_RATE_FACTOR ?? 8);
const log = (msg: string) => process.stderr.write(`[webhook bench] ${msg}\n`);

async function pgDatabase(tag: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `bench_webhook_${tag}_${randomBytes(3).toString("hex")}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: PG_SERVER });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`);
  const u = new URL(PG_SERVER);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

/** synchronous_commit and fsync: whether a commit waits for the disk here (the 2× target assumes it does). */
async function pgDurability(): Promise<string> {
  const c = new pg.Client({ connectionString: PG_SERVER });
  await c.connect();
  try {
    const get = async (n: string) => ((await c.query(`show ${n}`)).rows[0] as Record<string, string>)[n];
    return `synchronous_commit=${await get("synchronous_commit")}, fsync=${await get("fsync")}`;
  } finally {
    await c.end();
  }
}

const loads = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ");

async function pgReachable(): Promise<boolean> {
  const c = new pg.Client({ connectionString: PG_SERVER, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.end();
    return true;
  } catch {
    return false;
  }
}

function runClient(cfg: ClientConfig): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(HERE, "client.ts"), JSON.stringify(cfg)], {
      cwd: APP_DIR,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (b) => {
      out += b;
    });
    child.on("exit", (code) => {
      try {
        resolve(JSON.parse(out.trim().split("\n").at(-1) as string) as ClientResult);
      } catch {
        reject(new Error(`client exited ${code}: ${out}`));
      }
    });
  });
}

async function withServer<T>(app: Hono, fn: (url: string) => Promise<T>): Promise<T> {
  let server: ReturnType<typeof serve> | undefined;
  const url = await new Promise<string>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) =>
      resolve(`http://127.0.0.1:${info.port}/webhooks/terra`),
    );
  });
  try {
    return await fn(url);
  } finally {
    await new Promise((r) => server?.close(r));
  }
}

type Scenario = { name: string; result: ClientResult };

/** Upper bound of the bucket holding the q-quantile of a prom-client histogram (one status). */
async function histogramQuantile(
  h: {
    get(): Promise<{ values: { value: number; labels: Record<string, unknown>; metricName?: string }[] }>;
  },
  q: number,
  status: string,
): Promise<number> {
  const { values } = await h.get();
  const buckets = values
    .filter((v) => v.metricName?.endsWith("_bucket") && v.labels.status === status)
    .map((v) => ({ le: Number(v.labels.le), count: v.value }))
    .sort((a, b) => a.le - b.le);
  const total = buckets.at(-1)?.count ?? 0;
  if (total === 0) return Number.NaN;
  return buckets.find((b) => b.count >= q * total)?.le ?? Number.POSITIVE_INFINITY;
}

async function measure(
  name: string,
  db: Db,
  kind: "ours" | "baseline",
  client: Partial<ClientConfig>,
  batch: Partial<BatchSettings> = {},
): Promise<Scenario> {
  log(`${name} …`);
  const service =
    kind === "ours"
      ? createApp({
          db,
          ingest: loadIngestConfig(),
          secrets: [SECRET],
          logger: pino({ level: "silent" }),
          batch,
        })
      : null;
  const app = service ? service.app : createBaselineApp(db, [SECRET]);
  const cpu0 = process.cpuUsage();
  const result = await withServer(app as Hono, (url) =>
    runClient({
      url,
      secret: SECRET,
      run: `${name}-${randomBytes(3).toString("hex")}`,
      durationMs: SECONDS * 1000,
      warmupMs: 1500,
      connections: 32,
      ...client,
    }),
  );
  await service?.drain();
  const cpu = process.cpuUsage(cpu0);
  // Inside the service: from the handler's start to its answer (bucket bound), for the 2xx.
  result.serviceP99Ms = service
    ? (await histogramQuantile(service.metrics.latency, 0.99, "200")) * 1000
    : undefined;
  const total = Object.values(result.statuses).reduce((a, b) => a + b, 0);
  result.serviceCpuMsPerDelivery = (cpu.user + cpu.system) / 1000 / Math.max(1, total);
  log(`${name}: ${JSON.stringify(result)}`);
  return { name, result };
}

/** Peak RSS of a fresh service process while it takes one big delivery (Linux /proc). */
async function peakRss(mode: "ours" | "baseline", databaseUrl: string, body: Buffer) {
  const child = spawn(process.execPath, ["--import", "tsx", join(HERE, "server.ts"), mode], {
    cwd: APP_DIR,
    env: { ...process.env, DATABASE_URL: databaseUrl, BENCH_SECRET: SECRET },
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
    const status = () => readFileSync(`/proc/${child.pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status())?.[1] ?? 0) * 1024;
    // Settle, then reset the high-water mark so it measures this delivery only.
    global.gc?.();
    await new Promise((r) => setTimeout(r, 500));
    const before = kb("VmRSS");
    try {
      writeFileSync(`/proc/${child.pid}/clear_refs`, "5");
    } catch {
      // older kernels: VmHWM then includes start-up, which only overstates the peak
    }
    const code = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        `http://127.0.0.1:${port}/webhooks/terra`,
        {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "content-length": String(body.byteLength),
            "x-terra-trace-id": `big-${mode}`,
            "terra-signature": signWebhook(body, SECRET, Math.floor(Date.now() / 1000)),
          },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      req.on("error", reject);
      req.end(body);
    });
    return { status: code, before, peak: kb("VmHWM") };
  } finally {
    child.kill("SIGKILL");
  }
}

const fmt = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : "–");
const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MB`;

function row(s: Scenario, base?: Scenario): string {
  const r = s.result;
  const ratio = base ? `${fmt(r.acknowledgedPerSecond / base.result.acknowledgedPerSecond, 2)}×` : "1.00×";
  const codes = Object.entries(r.statuses)
    .map(([k, v]) => `${k}: ${v}`)
    .join(", ");
  const inService = r.serviceP99Ms === undefined ? "–" : fmt(r.serviceP99Ms);
  return `| ${s.name} | ${fmt(r.acknowledgedPerSecond)} | ${ratio} | ${fmt(r.p50Ms, 1)} | ${fmt(r.p99Ms, 1)} | ${fmt(r.ackP99Ms, 1)} | ${inService} | ${fmt(r.serviceCpuMsPerDelivery ?? Number.NaN, 1)} | ${codes} |`;
}

async function main() {
  const started = Date.now();
  const lines: string[] = [];
  const header = [
    "| scenario | acknowledged/s | vs baseline | p50 ms | p99 ms | p99 of 2xx ms | in-service p99 of 2xx (≤ ms) | service CPU ms/delivery | answers |",
    "|---|---|---|---|---|---|---|---|---|",
  ];

  if (ONLY === "pglite") {
    // skipped
  } else if (await pgReachable()) {
    const durability = await pgDurability();
    const loadBefore = loads();
    const ours = await pgDatabase("ours");
    const base = await pgDatabase("base");
    try {
      const dbOurs = await createDb(ours.url, { poolSize: 8 });
      const dbBase = await createDb(base.url, { poolSize: 8 });
      await migrate(dbOurs);
      await migrate(dbBase);
      const b = await measure(
        "PostgreSQL · baseline (1 INSERT + 1 commit per request)",
        dbBase,
        "baseline",
        {},
      );
      const o = await measure(
        "PostgreSQL · ours (group commit, full ingest)",
        dbOurs,
        "ours",
        {},
        { concurrency: Number(process.env.BENCH_CONCURRENCY ?? 4) },
      );
      const one = await measure(
        "PostgreSQL · ours without group commit (maxBatch 1)",
        dbOurs,
        "ours",
        {},
        {
          concurrency: 8,
          maxBatch: 1,
        },
      );
      await dbOurs.close();
      await dbBase.close();
      lines.push(
        "### PostgreSQL (32 connections, closed loop)",
        "",
        `Server settings: ${durability}. Load average (1/5/15 min) before: ${loadBefore}; after: ${loads()}.`,
        "",
        ...header,
        row(b),
        row(o, b),
        row(one, b),
        "",
      );
      if (QUICK) return finish(lines, started);
      const big = Buffer.from(bigPayload(20 * 2 ** 20));
      log(`peak RSS for one ${mb(big.byteLength)} delivery …`);
      const rssBase = await peakRss("baseline", base.url, big);
      const rssOurs = await peakRss("ours", ours.url, big);
      const growth = (r: typeof rssOurs) => r.peak - r.before;
      lines.push(
        `### Peak memory for one ${mb(big.byteLength)} delivery (fresh process, PostgreSQL)`,
        "",
        "| service | answer | RSS before | peak RSS | growth | growth ÷ body |",
        "|---|---|---|---|---|---|",
        ...[
          ["baseline", rssBase],
          ["ours", rssOurs],
        ].map(
          ([n, r]) =>
            `| ${n} | ${(r as typeof rssOurs).status} | ${mb((r as typeof rssOurs).before)} | ${mb((r as typeof rssOurs).peak)} | ${mb(growth(r as typeof rssOurs))} | ${fmt(growth(r as typeof rssOurs) / big.byteLength, 1)}× |`,
        ),
        "",
      );
    } finally {
      await ours.drop();
      await base.drop();
    }
  } else {
    lines.push(`PostgreSQL at ${PG_SERVER} not reachable: PostgreSQL figures skipped.`, "");
  }

  if (ONLY === "pg") return finish(lines, started);
  const dirs = [mkdtempSync(join(tmpdir(), "bench-pglite-")), mkdtempSync(join(tmpdir(), "bench-pglite-"))];
  try {
    const dbOurs = await createDb(`pglite://${dirs[0]}`);
    const dbBase = await createDb(`pglite://${dirs[1]}`);
    await migrate(dbOurs);
    await migrate(dbBase);
    const short = { durationMs: Math.round(SECONDS * 0.7) * 1000 };
    const b = await measure("PGlite · baseline", dbBase, "baseline", short);
    const o = await measure("PGlite · ours", dbOurs, "ours", short, { concurrency: 1 });
    const rate = Math.max(60, Math.round(o.result.acknowledgedPerSecond * RATE_FACTOR));
    const s = await measure(
      `PGlite · ours, open loop at ${rate}/s (${RATE_FACTOR}× the closed-loop rate)`,
      dbOurs,
      "ours",
      { ...short, rate, connections: 1000 },
      { concurrency: 1 },
    );
    await dbOurs.close();
    await dbBase.close();
    lines.push(
      "### Embedded PGlite (one in-process connection)",
      "",
      ...header,
      row(b),
      row(o, b),
      row(s, b),
      "",
    );
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }

  return finish(lines, started);
}

function finish(lines: string[], started: number): void {
  if (QUICK) {
    log("quick run: docs/benchmarks.md not written");
    return;
  }
  const commit = (() => {
    try {
      return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: APP_DIR }).toString().trim();
    } catch {
      return "unknown";
    }
  })();
  writeBenchSection(
    "webhook",
    [
      "## Webhook (apps/webhook): acknowledged deliveries",
      "",
      machineLine(),
      `Commit ${commit}. Signed synthetic Withings deliveries of 2–50 KB from the sandbox's generators (unique trace id and user per request), loaded from a second process; ${SECONDS} s measured after 1.5 s of warm-up. "Ours" stores each delivery in the inbox as received bytes and fully ingests it (validation, connection and record upserts, status) in group-committed transactions; the baseline only verifies, parses and INSERTs the raw body with one commit per request. Run: \`pnpm --filter @wearables/webhook bench\` (${Math.round((Date.now() - started) / 1000)} s).`,
      "",
      ...lines,
    ].join("\n"),
  );
  log("done");
}

await main();
process.exit(0);
