// Backfill throughput: N synthetic users × one year of Body, Daily, Sleep and Activity from the
// sandbox (in-process, through its fetch) into a real PostgreSQL. Generating a year of synthetic
// Withings data is the sandbox's cost, not the worker's, and on this machine it is slower than the
// worker: the answers of PERSONS distinct people are generated once, then served to every user id
// (the user object rewritten). Baseline, same run: the same answers through the same client and
// validation with no storage.
import { loadavg } from "node:os";
import { createDb, migrate, ping, rows } from "@wearables/storage";
import { createTerraClient, splitDateRange } from "@wearables/terra-client";
import { createSandbox, type Sandbox } from "@wearables/terra-sandbox";
import { machineLine, writeBenchSection } from "@wearables/test-support/bench";
import { sql } from "drizzle-orm";
import pino from "pino";
import { systemClock } from "../src/clock.ts";
import { DEFAULT_CONFIG, type WorkerConfig } from "../src/config.ts";
import { dayOf } from "../src/dates.ts";
import { horizonRange } from "../src/planner.ts";
import { sandboxFetch, TEST_TYPES } from "../src/test-harness.ts";
import { runPass } from "../src/worker.ts";

const USERS = Number(process.env.BENCH_BACKFILL_USERS ?? 200);
const PERSONS = Math.min(USERS, Number(process.env.BENCH_BACKFILL_PERSONS ?? 10));
const CONCURRENCY = Number(process.env.BENCH_BACKFILL_CONCURRENCY ?? 12);
const PG_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

/**
 * A fetch in front of the sandbox: data requests of user i are answered with person (i % PERSONS)'s
 * answer for the same window, generated once and cached. Counts the data requests it serves.
 */
function replayingFetch(sandbox: Sandbox, persons: number) {
  const inner = sandboxFetch(sandbox);
  const ids = sandbox.users.map((u) => u.user_id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const cache = new Map<string, { status: number; headers: [string, string][]; text: string }>();
  const counter = { requests: 0, days: 0 };
  const fetchFn: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const userId = url.searchParams.get("user_id");
    if (!userId || !/\/(activity|body|daily|sleep)$/.test(url.pathname)) return inner(input, init);
    const source = ids[(index.get(userId) ?? 0) % persons]!;
    url.searchParams.set("user_id", source);
    const key = url.toString();
    let hit = cache.get(key);
    if (!hit) {
      const r = await inner(key, init);
      hit = { status: r.status, headers: [...r.headers], text: await r.text() };
      if (r.status === 200) cache.set(key, hit);
    }
    counter.requests++;
    const start = url.searchParams.get("start_date");
    const end = url.searchParams.get("end_date");
    if (start && end) counter.days += Math.max(1, (Date.parse(end) - Date.parse(start)) / 86_400_000);
    return new Response(hit.text.replaceAll(source, userId), { status: hit.status, headers: hit.headers });
  };
  return { fetchFn, counter };
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
  const sandbox = createSandbox({ devId: "dev-bench", apiKey: "key-bench", users: USERS, seed: "bench" });
  const replay = replayingFetch(sandbox, PERSONS);
  const terra = createTerraClient({
    devId: "dev-bench",
    apiKey: "key-bench",
    baseUrl: "http://sandbox.bench/v2",
    fetch: replay.fetchFn,
  });
  const cfg: WorkerConfig = {
    ...DEFAULT_CONFIG,
    dataTypes: TEST_TYPES,
    historyDays: 365,
    concurrency: CONCURRENCY,
  };
  const today = dayOf(new Date());
  const horizon = horizonRange(today, cfg.historyDays);
  const windows = splitDateRange(horizon.start, horizon.end, {
    maxDays: cfg.windowDays,
    alignToMonths: true,
  });
  const users = sandbox.users.map((u) => u.user_id);

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
  replay.counter.requests = 0;
  replay.counter.days = 0;

  // A fresh database with a pool wide enough for every worker loop (testDb's pool is 5).
  const name = `bench_backfill_${Date.now().toString(36)}`;
  const admin = await createDb(PG_URL, { poolSize: 1 });
  await rows(admin, sql.raw(`create database ${name}`));
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  const db = await createDb(url.toString(), { poolSize: CONCURRENCY + 4 });
  await migrate(db);
  (globalThis as { gc?: () => void }).gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  try {
    const deps = { db, terra, logger: pino({ level: "warn" }), clock: systemClock };
    const first = await runPass(deps, cfg);
    const firstRequests = replay.counter.requests;
    const firstDays = replay.counter.days;
    const second = await runPass(deps, cfg);
    const secondRequests = replay.counter.requests - firstRequests;
    clearInterval(sampler);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    (globalThis as { gc?: () => void }).gc?.();
    const heapAfter = process.memoryUsage().heapUsed;

    const docs = first.documents.inserted + first.documents.updated + first.documents.unchanged;
    const rate = docs / (first.durationMs / 1000);
    const minRequests = USERS * TEST_TYPES.length * windows.length;
    const md = [
      "## backfill (apps/backfill)",
      "",
      machineLine(),
      `Load average at start: ${loadavg()[0]?.toFixed(2)}. PostgreSQL: ${PG_URL.replace(/\/\/[^@]*@/, "//")}. Command: \`pnpm --filter @wearables/backfill bench\` (BENCH_BACKFILL_USERS=${USERS}, BENCH_BACKFILL_PERSONS=${PERSONS}, BENCH_BACKFILL_CONCURRENCY=${CONCURRENCY}).`,
      `${USERS} synthetic users × ${cfg.historyDays} days × ${TEST_TYPES.join(", ")}, one pass of the worker (reconcile, plan, claim, fetch, validate, upsert, coverage) into PostgreSQL, then a second pass.` +
        ` The sandbox runs in-process; the answers of ${PERSONS} people are generated once and replayed to every user id, because generation (${(generated.docs / generated.seconds).toFixed(0)} documents/s here) is slower than the worker and is Terra's work, not ours.`,
      "",
      "| measure | value |",
      "|---|---|",
      `| first pass: documents stored | ${docs} |`,
      `| first pass: wall time | ${(first.durationMs / 1000).toFixed(1)} s |`,
      `| first pass: documents/s | ${rate.toFixed(0)} (target ≥ 5,000) |`,
      `| baseline: same answers through the client and validation, no storage (${Math.min(users.length, 5 * PERSONS)} users) | ${baseRate.toFixed(0)} documents/s |`,
      `| ratio first pass / baseline | ${(rate / baseRate).toFixed(2)} |`,
      `| data requests made / minimum (one per month-aligned window) | ${firstRequests} / ${minRequests} |`,
      `| days requested (Terra's end − start, min 1) / horizon days | ${firstDays} / ${USERS * TEST_TYPES.length * cfg.historyDays} |`,
      `| first pass: of which reconcile + planning | ${(first.planMs / 1000).toFixed(1)} s |`,
      `| second pass: wall time | ${(second.durationMs / 1000).toFixed(2)} s (${((100 * second.durationMs) / first.durationMs).toFixed(1)} % of the first; target < 5 %) |`,
      `| second pass: of which reconcile + planning | ${(second.planMs / 1000).toFixed(2)} s |`,
      `| second pass: data requests | ${secondRequests} (the re-fetch days: ${USERS * TEST_TYPES.length} expected) |`,
      `| peak RSS of the process (worker + in-process sandbox and its cache) | ${(peakRss / 2 ** 20).toFixed(0)} MB (target < 300 MB) |`,
      `| RSS growth during the passes (the worker's share) | ${((peakRss - rssBefore) / 2 ** 20).toFixed(0)} MB (from ${(rssBefore / 2 ** 20).toFixed(0)} MB before the first pass) |`,
      `| V8 heap in use after both passes and a GC (what the worker retains) | ${(heapAfter / 2 ** 20).toFixed(0)} MB |`,
      `| passes ok | ${first.ok} / ${second.ok} |`,
    ].join("\n");
    console.log(md);
    writeBenchSection("backfill", md);
  } finally {
    clearInterval(sampler);
    await db.close();
    await rows(admin, sql.raw(`drop database if exists ${name} with (force)`));
    await admin.close();
  }
}

await main();
