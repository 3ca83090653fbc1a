// Backfill throughput: N synthetic users × one year of Body, Daily, Sleep and Activity from the
// sandbox (a child process serving HTTP, bench/answer-server.ts) into a real PostgreSQL. Generating a year of synthetic
// Withings data is the sandbox's cost, not the worker's, and on this machine it is slower than the
// worker: the answers of PERSONS distinct people are generated once, then served to every user id
// (the user object rewritten). Baseline, same run: the same answers through the same client and
// validation with no storage.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDb, migrate, ping, rows } from "@wearables/storage";
import { createTerraClient, splitDateRange } from "@wearables/terra-client";
import { machineLine, writeBenchSection } from "@wearables/test-support/bench";
import { sql } from "drizzle-orm";
import { DEFAULT_CONFIG, WORKER_NODE_FLAGS, type WorkerConfig } from "../src/config.ts";
import { dayOf } from "../src/dates.ts";
import { horizonRange, refetchRange } from "../src/planner.ts";
import type { PassSummary } from "../src/progress.ts";
import { TEST_TYPES } from "../src/test-harness.ts";

const USERS = Number(process.env.BENCH_BACKFILL_USERS ?? 200);
const PERSONS = Math.min(USERS, Number(process.env.BENCH_BACKFILL_PERSONS ?? 10));
const CONCURRENCY = Number(process.env.BENCH_BACKFILL_CONCURRENCY ?? DEFAULT_CONFIG.concurrency);
const RUNS = Math.max(1, Number(process.env.BENCH_BACKFILL_RUNS ?? 3));
const PG_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
/** The worker's MEASUREMENTS (empty: the catalog's default, as a deployment without the setting). */
const MEASUREMENTS = process.env.BENCH_MEASUREMENTS ?? "";
/** One more run with MEASUREMENTS=none, for the cost of the series in the same session. */
const COMPARE_NONE = process.env.BENCH_BACKFILL_COMPARE_NONE !== "0";

/** Starts the answer server (bench/answer-server.ts) in a child process; resolves with its port. */
async function startAnswerServer(): Promise<{ child: ChildProcess; port: number }> {
  const here = dirname(fileURLToPath(import.meta.url));
  const child = spawn(process.execPath, ["--import", "tsx", join(here, "answer-server.ts")], {
    env: { ...process.env, BENCH_BACKFILL_USERS: String(USERS), BENCH_BACKFILL_PERSONS: String(PERSONS) },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let buf = "";
    child.stdout?.on("data", (d: Buffer) => {
      buf += d.toString();
      const m = /port=(\d+)/.exec(buf);
      if (m) resolve(Number(m[1]));
    });
    child.once("exit", (code) => reject(new Error(`answer server exited (${code})`)));
  });
  return { child, port };
}

interface WorkerResult {
  first: PassSummary;
  second: PassSummary;
  firstCount: { requests: number; days: number };
  secondCount: { requests: number; days: number };
  loadAfterFirst: number[];
  rssBefore: number;
  hwmBefore: number;
  peakRss: number;
  atPeak: { heapTotal: number; heapUsed: number; external: number };
  hwm: number;
  heapAfter: number;
}

/** Runs bench/worker-pass.ts in a child process and returns what it measured. */
async function runWorkerChild(dbUrl: string, base: string, measurements: string): Promise<WorkerResult> {
  const here = dirname(fileURLToPath(import.meta.url));
  const args = [
    ...process.execArgv.filter((a) => a.startsWith("--cpu-prof")),
    ...WORKER_NODE_FLAGS,
    "--expose-gc",
    "--import",
    "tsx",
  ];
  const child = spawn(process.execPath, [...args, join(here, "worker-pass.ts")], {
    env: {
      ...process.env,
      BENCH_DB_URL: dbUrl,
      BENCH_TERRA_URL: base,
      BENCH_BACKFILL_CONCURRENCY: String(CONCURRENCY),
      BENCH_MEASUREMENTS: measurements,
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  const line = out.split("\n").find((l) => l.startsWith("result="));
  if (code !== 0 || !line) throw new Error(`worker child failed (exit ${code})`);
  return JSON.parse(line.slice("result=".length)) as WorkerResult;
}

/** VmHWM (peak resident set) of a live process, in bytes, from /proc (Linux). */
function peakRssOf(pid: number | "self"): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

async function main(): Promise<void> {
  const probe = await createDb(PG_URL, { poolSize: 1 });
  const up = await ping(probe);
  await probe.close();
  if (!up) {
    console.log(
      `backfill bench skipped: PostgreSQL at ${PG_URL.replace(/\/\/[^@]*@/, "//")} does not answer`,
    );
    return;
  }
  const loadAtStart = loadavg();
  const server = await startAnswerServer();
  const base = `http://127.0.0.1:${server.port}`;
  const counter = async (reset = false): Promise<{ requests: number; days: number }> =>
    (await fetch(`${base}/__bench/counter${reset ? "?reset" : ""}`)).json() as Promise<{
      requests: number;
      days: number;
    }>;
  const terra = createTerraClient({ devId: "dev-bench", apiKey: "key-bench", baseUrl: `${base}/v2` });
  const cfg: WorkerConfig = {
    ...DEFAULT_CONFIG,
    dataTypes: TEST_TYPES,
    historyDays: 365,
    concurrency: CONCURRENCY,
  };
  const today = dayOf(new Date());
  const horizon = horizonRange(today, cfg.historyDays);
  // The re-fetch days split in two windows when they cross a month's first day.
  const refetch = refetchRange(today, cfg.refetchDays);
  const refetchWindows = refetch
    ? splitDateRange(refetch.start, refetch.end, { maxDays: cfg.windowDays, alignToMonths: true }).length
    : 0;
  const windows = splitDateRange(horizon.start, horizon.end, {
    maxDays: cfg.windowDays,
    alignToMonths: true,
  });
  const subs = await terra.subscriptions();
  const users = subs.result.users.map((u) => u.user_id);

  // Through the client, no storage: first over the PERSONS (the sandbox generates), then over every
  // user from the cache (the baseline of the worker: HTTP shape, JSON, validation).
  const fetchAll = async (ids: string[]) => {
    const jobs = ids.flatMap((u) => TEST_TYPES.flatMap((t) => windows.map((w) => ({ u, t, w }))));
    let docs = 0;
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < jobs.length) {
          const j = jobs[next++]!;
          const r = await terra.getData(j.t, {
            userId: j.u,
            startDate: j.w.start,
            endDate: j.w.end,
            toWebhook: false,
          });
          if (r.result.kind === "data" && "data" in r.result) docs += r.result.data.length;
        }
      }),
    );
    return { docs, seconds: (performance.now() - t0) / 1000 };
  };
  const generated = await fetchAll(users.slice(0, PERSONS));
  const baseline = await fetchAll(users.slice(0, Math.min(users.length, 5 * PERSONS)));
  const baseRate = baseline.docs / baseline.seconds;
  await counter(true);

  // Each run: a fresh database; the worker runs in its own process (bench/worker-pass.ts) so that
  // its memory is not the driver's or the baseline's. RUNS runs; the table is the median run's
  // (by documents/s) and a line gives every run, because single runs on these VMs spread widely.
  const admin = await createDb(PG_URL, { poolSize: 1 });
  const results: { rate: number; secondPct: number; hwmMb: number; md: string }[] = [];
  // The same pass without measurement rows, once, between the runs: what the series cost here.
  let withoutSeries: { rate: number } | null = null;
  try {
    for (let run = 0; run < RUNS; run++) {
      results.push(await measureOnce(run, MEASUREMENTS));
      if (run === 0 && COMPARE_NONE) withoutSeries = await measureOnce(RUNS, "none");
    }
  } finally {
    await admin.close();
    server.child.kill("SIGTERM");
  }
  const sorted = [...results].sort((a, b) => a.rate - b.rate);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  const md = [
    median.md,
    "",
    `Runs (${RUNS}, each on a fresh database; the table above is the median run by documents/s): documents/s ${results.map((r) => r.rate.toFixed(0)).join(", ")}; second pass ${results.map((r) => `${r.secondPct.toFixed(1)} %`).join(", ")}; peak RSS ${results.map((r) => `${r.hwmMb.toFixed(0)} MB`).join(", ")}.`,
    ...(withoutSeries
      ? [
          "",
          `The same pass with \`MEASUREMENTS=none\` (no series rows), once in the same session after the first run: ${withoutSeries.rate.toFixed(0)} documents/s; the median run with \`MEASUREMENTS=${MEASUREMENTS || "default"}\` reaches ${((100 * median.rate) / withoutSeries.rate).toFixed(0)} % of it.`,
        ]
      : []),
  ].join("\n");
  console.log(md);
  if (!process.env.BENCH_BACKFILL_DRY) writeBenchSection("backfill", md);

  async function measureOnce(run: number, measurements: string) {
    const name = `bench_backfill_${Date.now().toString(36)}_${run}`;
    await rows(admin, sql.raw(`create database ${name}`));
    const url = new URL(PG_URL);
    url.pathname = `/${name}`;
    try {
      const db = await createDb(url.toString(), { poolSize: 1 });
      await migrate(db);
      await db.close();
      // Start from a checkpoint, as a quiet server would: otherwise one left due by the previous run
      // (a dropped benchmark database, a year of WAL) lands inside the pass in some runs and not others.
      await rows(admin, sql.raw("checkpoint"));
      const w = await runWorkerChild(url.toString(), base, measurements);
      const { first, second, loadAfterFirst, rssBefore, hwmBefore, peakRss, atPeak, hwm, heapAfter } = w;
      const { requests: firstRequests, days: firstDays } = w.firstCount;
      const { requests: secondRequests } = w.secondCount;
      const serverHwm = server.child.pid ? peakRssOf(server.child.pid) : Number.NaN;
      const docs = first.documents.inserted + first.documents.updated + first.documents.unchanged;
      const rate = docs / (first.durationMs / 1000);
      const sizes = await createDb(url.toString(), { poolSize: 1 }).then(async (d) => {
        try {
          return await rows<{ t: string; n: number; text_bytes: number; stored_bytes: number }>(
            d,
            sql.raw(
              TEST_TYPES.map(
                (t) =>
                  `select '${t}' as t, count(*)::int as n, coalesce(avg(octet_length(document::text)), 0)::float8 as text_bytes, coalesce(avg(pg_column_size(document)), 0)::float8 as stored_bytes from ${t}`,
              ).join(" union all "),
            ),
          );
        } finally {
          await d.close();
        }
      });
      const series = await createDb(url.toString(), { poolSize: 1 }).then(async (d) => {
        try {
          const [r] = await rows<{ n: string; bytes: string; records: string }>(
            d,
            sql.raw(
              `select (select count(*) from measurements)::text as n, pg_total_relation_size('measurements')::text as bytes, (${TEST_TYPES.map((t) => `pg_total_relation_size('${t}')`).join(" + ")})::text as records`,
            ),
          );
          return { rows: Number(r?.n), bytes: Number(r?.bytes), records: Number(r?.records) };
        } finally {
          await d.close();
        }
      });
      const sizeLine = sizes
        .map(
          (x) =>
            `${x.t} ${x.n} × ${(x.text_bytes / 1024).toFixed(1)} KB (stored ${(x.stored_bytes / 1024).toFixed(1)} KB)`,
        )
        .join(", ");
      const meanKb =
        sizes.reduce((a, x) => a + x.n * x.text_bytes, 0) /
        Math.max(
          1,
          sizes.reduce((a, x) => a + x.n, 0),
        ) /
        1024;
      const minRequests = USERS * TEST_TYPES.length * windows.length;
      const md = [
        "## backfill (apps/backfill)",
        "",
        machineLine(),
        `Load average (1/5/15 min) at start: ${loadAtStart.map((l) => l.toFixed(2)).join(" / ")}; after the first pass: ${loadAfterFirst.map((l) => l.toFixed(2)).join(" / ")}. PostgreSQL: ${PG_URL.replace(/\/\/[^@]*@/, "//")}. Command: \`pnpm --filter @wearables/backfill bench\` (BENCH_BACKFILL_RUNS=${RUNS}, BENCH_BACKFILL_USERS=${USERS}, BENCH_BACKFILL_PERSONS=${PERSONS}, BENCH_BACKFILL_CONCURRENCY=${CONCURRENCY}, BENCH_BACKFILL_CLAIM_BATCH=${process.env.BENCH_BACKFILL_CLAIM_BATCH ?? DEFAULT_CONFIG.claimBatch}; the worker's defaults).`,
        `${USERS} synthetic users × ${cfg.historyDays} days × ${TEST_TYPES.join(", ")}, one pass of the worker (reconcile, plan, claim, fetch, validate, upsert, coverage) into PostgreSQL, then a second pass.` +
          ` Terra is the sandbox behind node:http in a child process (bench/answer-server.ts), reached over loopback HTTP with the default fetch, and the worker's two passes run in a process of their own (bench/worker-pass.ts) whose peak RSS is read from /proc (VmHWM); the driver and the baseline run in a third; the answers of ${PERSONS} people are generated once and replayed to every user id, because generation (${(generated.docs / generated.seconds).toFixed(0)} documents/s here) is slower than the worker and is Terra's work, not ours.`,
        "",
        "| measure | value |",
        "|---|---|",
        `| first pass: documents stored | ${docs} |`,
        `| first pass: wall time | ${(first.durationMs / 1000).toFixed(1)} s |`,
        `| first pass: documents/s | ${rate.toFixed(0)} (target ≥ 5,000) |`,
        `| documents as JSON text (mean ${meanKb.toFixed(1)} KB; jsonb as stored, after TOAST compression) | ${sizeLine} |`,
        `| write amplification of the series (\`MEASUREMENTS=${measurements || "default"}\`): measurement rows and their bytes (table and indexes) per document | ${(series.rows / docs).toFixed(2)} rows, ${(series.bytes / docs).toFixed(0)} B (the records themselves: ${(series.records / docs).toFixed(0)} B per document with their indexes) |`,
        `| baseline: same answers through the client and validation, no storage (${Math.min(users.length, 5 * PERSONS)} users) | ${baseRate.toFixed(0)} documents/s |`,
        `| ratio first pass / baseline | ${(rate / baseRate).toFixed(2)} |`,
        `| data requests made / minimum (one per month-aligned window) | ${firstRequests} / ${minRequests} |`,
        `| days requested (Terra's end − start, min 1) / horizon days | ${firstDays} / ${USERS * TEST_TYPES.length * cfg.historyDays} |`,
        `| first pass: of which reconcile + planning | ${(first.planMs / 1000).toFixed(1)} s |`,
        `| second pass: wall time | ${(second.durationMs / 1000).toFixed(2)} s (${((100 * second.durationMs) / first.durationMs).toFixed(1)} % of the first; target < 5 %) |`,
        `| second pass: of which reconcile + planning | ${(second.planMs / 1000).toFixed(2)} s |`,
        `| second pass: data requests | ${secondRequests} (the re-fetch days: ${USERS * TEST_TYPES.length * refetchWindows} expected${refetchWindows > 1 ? ", two windows each: they cross a month's first day" : ""}) |`,
        `| peak RSS of the worker process (VmHWM; it runs nothing but the two passes) | ${(hwm / 2 ** 20).toFixed(0)} MB (target < 300 MB; sampled every 100 ms: ${(peakRss / 2 ** 20).toFixed(0)} MB) |`,
        `| at the peak sample: V8 heap reserved / in use, off-heap (external) | ${(atPeak.heapTotal / 2 ** 20).toFixed(0)} / ${(atPeak.heapUsed / 2 ** 20).toFixed(0)} MB, ${(atPeak.external / 2 ** 20).toFixed(0)} MB |`,
        `| worker process before the first pass (node, tsx, modules, pool) | RSS ${(rssBefore / 2 ** 20).toFixed(0)} MB, VmHWM ${(hwmBefore / 2 ** 20).toFixed(0)} MB |`,
        `| VmHWM of the answer server (child, not the worker) | ${(serverHwm / 2 ** 20).toFixed(0)} MB |`,
        `| V8 heap in use after both passes and a GC (what the worker retains) | ${(heapAfter / 2 ** 20).toFixed(0)} MB |`,
        `| passes ok | ${first.ok} / ${second.ok} |`,
      ].join("\n");
      return {
        rate,
        secondPct: (100 * second.durationMs) / first.durationMs,
        hwmMb: hwm / 2 ** 20,
        md,
      };
    } finally {
      await rows(admin, sql.raw(`drop database if exists ${name} with (force)`));
    }
  }
}

await main();
