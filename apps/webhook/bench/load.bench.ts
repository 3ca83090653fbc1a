// Webhook benchmark (issue 12): the acknowledgement on the inbox and the processing behind it,
// against the naive receiver (verify, parse, one INSERT, one commit per request) in the same run,
// loaded from a second process, on real PostgreSQL and on embedded PGlite. Writes the "webhook"
// section of docs/benchmarks.md (median of BENCH_RUNS runs).
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { loadIngestConfig } from "@wearables/ingest";
import { createDb, type Db, migrate, rows } from "@wearables/storage";
import { machineLine, writeBenchSection } from "@wearables/test-support/bench";
import { sql } from "drizzle-orm";
import type { Hono } from "hono";
import pg from "pg";
import pino from "pino";
import { createApp, type WebhookApp } from "../src/app.ts";
import { defaultThreads } from "../src/compose.ts";
import { createBaselineApp, createCeilingApp } from "./baseline.ts";
import { type BigResult, bigDeliveryRun } from "./big.ts";
import type { ClientConfig, ClientResult } from "./client.ts";
import { mixPool } from "./payloads.ts";
import { loads, PG_SERVER, pgDatabase } from "./pg.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
const APP_DIR = join(HERE, "..");
const SECRET = "bench-secret";
const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** BENCH_ONLY=pg | pglite | big: that part only, one run, nothing written (for trying changes). */
const ONLY = process.env.BENCH_ONLY;
const QUICK = ONLY !== undefined;
const RATE_FACTOR = Number(process.env.BENCH_RATE_FACTOR ?? 4);
/** PGlite's backlog bound (INBOX_MAX_BACKLOG) in the open-loop run past capacity. */
const SHED_BACKLOG = 1000;
const log = (msg: string) => process.stderr.write(`[webhook bench] ${msg}\n`);

async function pgSettings(): Promise<string> {
  const c = new pg.Client({ connectionString: PG_SERVER });
  await c.connect();
  try {
    const get = async (n: string) => ((await c.query(`show ${n}`)).rows[0] as Record<string, string>)[n];
    return `synchronous_commit=${await get("synchronous_commit")}, fsync=${await get("fsync")}, shared_buffers=${await get("shared_buffers")}`;
  } finally {
    await c.end();
  }
}

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

function ours(db: Db, backlogRows?: number, processing = true): WebhookApp {
  const pglite = db.kind === "pglite";
  const service = createApp({
    ...(backlogRows !== undefined ? { backlog: { maxRows: backlogRows } } : {}),
    db,
    ingest: loadIngestConfig(),
    secrets: [SECRET],
    logger: pino({ level: "silent" }),
    batch: { concurrency: pglite ? 1 : 2 },
    processing: { enabled: processing, threads: defaultThreads() },
  });
  service.start();
  return service;
}

export interface LoadResult {
  name: string;
  client: ClientResult;
  /** Ours only: every acknowledged delivery of the run processed; its rate over load + drain. */
  endToEndPerSecond?: number;
  drainMs?: number;
  lag?: { p50Ms: number; p99Ms: number };
  cpuMsPerDelivery: number;
}

async function waitProcessed(db: Db, run: string, timeoutMs = 600_000): Promise<number> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [r] = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from webhook_events where status = 'received' and trace_id like ${`${run}-%`}`,
    );
    if ((r?.n ?? 0) === 0) return Date.now();
    if (Date.now() > until) throw new Error(`${run}: backlog not drained after ${timeoutMs} ms`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

async function lagOf(db: Db, run: string): Promise<{ p50Ms: number; p99Ms: number }> {
  const [r] = await rows<{ p50: number; p99: number }>(
    db,
    sql`select percentile_cont(0.5) within group (order by ms) as p50,
               percentile_cont(0.99) within group (order by ms) as p99
        from (select extract(epoch from processed_at - received_at) * 1000 as ms from webhook_events
              where trace_id like ${`${run}-%`} and processed_at is not null) x`,
  );
  return { p50Ms: Number(r?.p50 ?? Number.NaN), p99Ms: Number(r?.p99 ?? Number.NaN) };
}

async function load(
  name: string,
  db: Db,
  kind: "ours" | "ack-only" | "baseline" | "ceiling",
  client: Partial<ClientConfig> = {},
  backlogRows?: number,
): Promise<LoadResult> {
  log(`${name} …`);
  const service = kind === "ours" || kind === "ack-only" ? ours(db, backlogRows, kind === "ours") : null;
  const app = service
    ? service.app
    : kind === "ceiling"
      ? createCeilingApp()
      : createBaselineApp(db, [SECRET]);
  const run = `${kind}-${randomBytes(3).toString("hex")}`;
  const cpu0 = process.cpuUsage();
  const started = Date.now();
  const result = await withServer(app as Hono, (url) =>
    runClient({
      url,
      secret: SECRET,
      run,
      durationMs: SECONDS * 1000,
      warmupMs: 1500,
      connections: 32,
      ...client,
    }),
  );
  const out: LoadResult = { name, client: result, cpuMsPerDelivery: 0 };
  if (service?.processor) {
    const drained = await waitProcessed(db, run);
    out.drainMs = Math.max(0, drained - result.endedAt);
    out.endToEndPerSecond = result.ackedTotal / ((drained - started) / 1000);
    out.lag = await lagOf(db, run);
  }
  await service?.drain();
  const cpu = process.cpuUsage(cpu0);
  out.cpuMsPerDelivery = (cpu.user + cpu.system) / 1000 / Math.max(1, result.ackedTotal);
  log(`${name}: ${JSON.stringify(out)}`);
  return out;
}

const fmt = (n: number | undefined, d = 0) => (n !== undefined && Number.isFinite(n) ? n.toFixed(d) : "–");
const median = (xs: number[]) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length === 0 ? Number.NaN : (s[Math.floor((s.length - 1) / 2)] as number);
};

interface PgRun {
  base: LoadResult;
  ours: LoadResult;
  half: LoadResult;
  /** Processing off: the request path alone. */
  ackOnly: LoadResult;
  /** Read the body, answer 200, store nothing. */
  ceiling: LoadResult;
}

async function pgRun(): Promise<PgRun> {
  const a = await pgDatabase("ours");
  const b = await pgDatabase("base");
  const dbOurs = await createDb(a.url, { poolSize: 8 });
  const dbBase = await createDb(b.url, { poolSize: 8 });
  const c = await pgDatabase("ack");
  const dbAck = await createDb(c.url, { poolSize: 8 });
  try {
    await migrate(dbOurs);
    await migrate(dbBase);
    await migrate(dbAck);
    const base = await load("baseline", dbBase, "baseline");
    const o = await load("ours", dbOurs, "ours");
    // Half of what ours sustains end to end, open loop: the lag a steady stream sees.
    const rate = Math.max(20, Math.round((o.endToEndPerSecond ?? 100) / 2));
    const half = await load(`ours at ${rate}/s (half its end-to-end capacity)`, dbOurs, "ours", {
      rate,
      connections: 256,
    });
    const ackOnly = await load("ours, acknowledgement only (processing off)", dbAck, "ack-only");
    const ceiling = await load("ceiling (read the body, answer 200, store nothing)", dbAck, "ceiling");
    return { base, ours: o, half, ackOnly, ceiling };
  } finally {
    await dbOurs.close();
    await dbBase.close();
    await dbAck.close();
    await a.drop();
    await b.drop();
    await c.drop();
  }
}

interface PgliteRun {
  base: LoadResult;
  ours: LoadResult;
  shed: LoadResult;
}

async function pgliteRun(): Promise<PgliteRun> {
  const dirs = [mkdtempSync(join(tmpdir(), "bench-pglite-")), mkdtempSync(join(tmpdir(), "bench-pglite-"))];
  try {
    const dbOurs = await createDb(`pglite://${dirs[0]}`);
    const dbBase = await createDb(`pglite://${dirs[1]}`);
    await migrate(dbOurs);
    await migrate(dbBase);
    const base = await load("PGlite baseline", dbBase, "baseline");
    const o = await load("PGlite ours", dbOurs, "ours");
    const rate = Math.max(60, Math.round(o.client.acknowledgedPerSecond * RATE_FACTOR));
    // The default bound (20,000 rows) takes minutes of overload to reach; a smaller one shows
    // the shedding within the run.
    const shed = await load(
      `PGlite ours, open loop at ${rate}/s (${RATE_FACTOR}× its closed-loop rate), backlog bound ${SHED_BACKLOG} rows`,
      dbOurs,
      "ours",
      { rate, connections: 1000 },
      SHED_BACKLOG,
    );
    await dbOurs.close();
    await dbBase.close();
    return { base, ours: o, shed };
  } finally {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  }
}

const met = (ok: boolean) => (ok ? "met" : "**not met**");

function pgTable(runs: PgRun[]): string[] {
  const mid = (pick: (x: PgRun) => number) => median(runs.map(pick));
  const r = (pick: (x: PgRun) => number, d = 0) => {
    const values = runs.map(pick);
    return `${fmt(median(values), d)} (${values.map((v) => fmt(v, d)).join(", ")})`;
  };
  return [
    "| figure (median, then each run) | value | target |",
    "|---|---|---|",
    `| baseline acknowledged/s | ${r((x) => x.base.client.acknowledgedPerSecond)} | |`,
    `| baseline p99 ms | ${r((x) => x.base.client.p99Ms, 1)} | |`,
    `| ours acknowledged/s | ${r((x) => x.ours.client.acknowledgedPerSecond)} | |`,
    `| ours ÷ baseline, acknowledged/s | ${r((x) => x.ours.client.acknowledgedPerSecond / x.base.client.acknowledgedPerSecond, 2)} | ≥ 3× |`,
    `| ours p99 ms of the acknowledgement | ${r((x) => x.ours.client.p99Ms, 1)} | < 50 |`,
    `| ours end to end (acknowledged and processed ÷ load + drain time), per s | ${r((x) => x.ours.endToEndPerSecond ?? Number.NaN)} | |`,
    `| end to end ÷ baseline acknowledged/s | ${r((x) => (x.ours.endToEndPerSecond ?? Number.NaN) / x.base.client.acknowledgedPerSecond, 2)} | ≥ 1.0× |`,
    `| drain after the load, s | ${r((x) => (x.ours.drainMs ?? Number.NaN) / 1000, 1)} | |`,
    `| processing lag at half capacity, p50 ms | ${r((x) => x.half.lag?.p50Ms ?? Number.NaN)} | |`,
    `| processing lag at half capacity, p99 ms | ${r((x) => x.half.lag?.p99Ms ?? Number.NaN)} | |`,
    `| ack p99 ms at half capacity | ${r((x) => x.half.client.p99Ms, 1)} | |`,
    `| service CPU ms per delivery, baseline / ours (receive + process) | ${r((x) => x.base.cpuMsPerDelivery, 2)} / ${r((x) => x.ours.cpuMsPerDelivery, 2)} | |`,
    `| ours with processing off (the request path alone), acknowledged/s | ${r((x) => x.ackOnly.client.acknowledgedPerSecond)} | |`,
    `| the same ÷ baseline | ${r((x) => x.ackOnly.client.acknowledgedPerSecond / x.base.client.acknowledgedPerSecond, 2)} | |`,
    `| the same, p99 ms / service CPU ms per delivery | ${r((x) => x.ackOnly.client.p99Ms, 1)} / ${r((x) => x.ackOnly.cpuMsPerDelivery, 2)} | |`,
    `| ceiling: read the body and answer 200, store nothing (client, HTTP and event loop only), per s | ${r((x) => x.ceiling.client.acknowledgedPerSecond)} | |`,
    `| ceiling ÷ baseline | ${r((x) => x.ceiling.client.acknowledgedPerSecond / x.base.client.acknowledgedPerSecond, 2)} | |`,
    "",
    `Targets (medians): acknowledged ≥ 3× ${met(mid((x) => x.ours.client.acknowledgedPerSecond / x.base.client.acknowledgedPerSecond) >= 3)}, ` +
      `p99 < 50 ms ${met(mid((x) => x.ours.client.p99Ms) < 50)}, ` +
      `end to end ≥ 1.0× ${met(mid((x) => (x.ours.endToEndPerSecond ?? Number.NaN) / x.base.client.acknowledgedPerSecond) >= 1)}. ` +
      "What bounds them on this machine: ADR 0504.",
  ];
}

function pgliteTable(runs: PgliteRun[]): string[] {
  const r = (pick: (x: PgliteRun) => number, d = 0) => {
    const values = runs.map(pick);
    return `${fmt(median(values), d)} (${values.map((v) => fmt(v, d)).join(", ")})`;
  };
  const shedShare = (x: PgliteRun) => {
    const s = x.shed.client.statuses;
    const total = Object.values(s).reduce((a, b) => a + b, 0);
    return (100 * (s["503"] ?? 0)) / Math.max(1, total);
  };
  return [
    "| figure (median, then each run) | value | target |",
    "|---|---|---|",
    `| baseline acknowledged/s | ${r((x) => x.base.client.acknowledgedPerSecond)} | |`,
    `| ours acknowledged/s (32 connections) | ${r((x) => x.ours.client.acknowledgedPerSecond)} | |`,
    `| ours p99 ms of the acknowledgement (32 connections) | ${r((x) => x.ours.client.p99Ms)} | < 8,000 |`,
    `| ours end to end per s | ${r((x) => x.ours.endToEndPerSecond ?? Number.NaN)} | |`,
    `| open loop at ${RATE_FACTOR}× the closed-loop rate, 1,000 connections, backlog bound ${SHED_BACKLOG} rows: answered 503 (shed), % | ${r(shedShare, 1)} | sheds |`,
    `| open loop past capacity: p99 ms of all answers | ${r((x) => x.shed.client.p99Ms)} | < 8,000 |`,
  ];
}

function bigTable(results: BigResult[]): string[] {
  return [
    "| delivery | database | ack ms | processed after ack, ms | RSS growth until ack ÷ body | RSS growth until processed ÷ body | small deliveries beside it: answered, p99 ms |",
    "|---|---|---|---|---|---|---|",
    ...results.map(
      (b) =>
        `| ${fmt(b.bodyBytes / 2 ** 20, 0)} MiB | ${b.database} | ${fmt(b.ackMs)} | ${fmt(b.processedMs)} | ${fmt(b.ackGrowth / b.bodyBytes, 2)}× | ${fmt(b.processedGrowth / b.bodyBytes, 2)}× | ${b.smallAnswered} (${Object.entries(
          b.smallStatuses,
        )
          .map(([k, v]) => `${k}: ${v}`)
          .join(", ")}), ${fmt(b.smallP99Ms)} |`,
    ),
  ];
}

async function main() {
  const started = Date.now();
  const lines: string[] = [];
  const pool = mixPool();
  const havePg = await pgReachable();
  const runs = QUICK ? 1 : RUNS;
  if (havePg && (!ONLY || ONLY === "pg")) {
    const settings = await pgSettings();
    const before = loads();
    const pgRuns: PgRun[] = [];
    for (let i = 0; i < runs; i++) pgRuns.push(await pgRun());
    lines.push(
      "### PostgreSQL, 32 connections, closed loop",
      "",
      `Server: ${settings}. Load average (1/5/15 min) before: ${before}; after: ${loads()}. Prepare threads: ${defaultThreads()}.`,
      "",
      ...pgTable(pgRuns),
      "",
    );
  } else if (!havePg) {
    lines.push(`PostgreSQL at ${PG_SERVER} not reachable: PostgreSQL figures skipped.`, "");
  }
  if (!ONLY || ONLY === "big") {
    const big: BigResult[] = [];
    for (const bytes of [20 * 2 ** 20, 60 * 2 ** 20]) {
      if (havePg)
        big.push(await bigDeliveryRun({ bytes, database: "postgres", pgDatabase, secret: SECRET, log }));
      big.push(await bigDeliveryRun({ bytes, database: "pglite", pgDatabase, secret: SECRET, log }));
    }
    lines.push(
      "### One large delivery, in a fresh service process, with small deliveries beside it",
      "",
      ...bigTable(big),
      "",
    );
  }
  if (!ONLY || ONLY === "pglite") {
    const liteRuns: PgliteRun[] = [];
    for (let i = 0; i < runs; i++) liteRuns.push(await pgliteRun());
    lines.push(
      "### Embedded PGlite, 32 connections",
      "",
      `Load average after: ${loads()}.`,
      "",
      ...pgliteTable(liteRuns),
      "",
    );
  }
  if (QUICK) {
    process.stderr.write(`${lines.join("\n")}\n`);
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
      "## Webhook (apps/webhook): acknowledgement on the inbox, processing behind it",
      "",
      machineLine(),
      `Commit ${commit}. Signed synthetic Withings deliveries from the sandbox's generators, the issue's mix (50 % Body, 30 % Daily, 20 % Sleep with samples; mean ${fmt(pool.meanBytes / 1024, 1)} KB), a unique trace id and one of 400 users per request, loaded from a second process; ${SECONDS} s measured after 1.5 s of warm-up, ${runs} runs (each on fresh databases). "Ours" acknowledges after one group-committed INSERT of the raw bytes and processes behind the inbox in the same process (worker threads prepare, the event loop applies); the baseline verifies, parses and INSERTs the raw body with one commit per request and processes nothing. End to end counts every delivery acknowledged during the load and processed after it, over the load time plus the drain time. Run: \`pnpm --filter @wearables/webhook bench\` (${Math.round((Date.now() - started) / 1000)} s).`,
      "",
      ...lines,
    ].join("\n"),
  );
  log("done");
}

await main();
process.exit(0);
