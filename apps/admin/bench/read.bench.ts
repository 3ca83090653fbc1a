// Admin read path under load: one user's year of daily data, and the per-day summary, at 16
// concurrent HTTP clients against real PostgreSQL; baseline: the same storage calls on the pool
// without HTTP, in the same run. Skips with a message when PostgreSQL does not answer.
import { execFile } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import { createDb, dailySummary, ping, readRecordsJson } from "@wearables/storage";
import { testDb } from "@wearables/storage/testing";
import { machineLine, writeBenchSection } from "@wearables/test-support/bench";
import pino from "pino";
import { createApp } from "../src/app.ts";
import { DEFAULT_PAGE_MAX_BYTES } from "../src/deps.ts";
import { seedStatements } from "./seed.sql.ts";

const URL_ = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const USERS = Number(process.env.BENCH_ADMIN_USERS ?? 1000);
const CLIENTS = 16;
const REQUESTS = Number(process.env.BENCH_ADMIN_REQUESTS ?? 480);
/** One client alone, for the cost of a request without queueing. */
const SERIAL_REQUESTS = 60;
const FROM = "2025-01-01";
const TO = "2025-12-31";
const TOKEN = "bench-admin-token-0123456789";

interface Stats {
  p50: number;
  p99: number;
  rps: number;
}

function stats(latencies: number[], seconds: number): Stats {
  const lat = [...latencies].sort((a, b) => a - b);
  const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))]!;
  return { p50: q(0.5), p99: q(0.99), rps: lat.length / seconds };
}

const probe = await createDb(URL_, { poolSize: 1 });
const up = await Promise.race([ping(probe), new Promise<boolean>((r) => setTimeout(() => r(false), 3000))]);
await probe.close().catch(() => {});
if (!up) {
  console.log(`admin bench skipped: PostgreSQL does not answer at ${URL_.replace(/:[^:@/]*@/, ":***@")}`);
  process.exit(0);
}

const fresh = await testDb({ url: URL_ });
const db = await createDb(fresh.url, { poolSize: CLIENTS + 4 });
try {
  let t = performance.now();
  const [users, ...tables] = seedStatements(USERS, FROM, TO);
  await db.orm.execute(users!);
  // The three tables are independent: fill them on three connections at once.
  await Promise.all(tables.map((stmt) => db.orm.execute(stmt)));
  await db.orm.execute("analyze");
  const seedSeconds = (performance.now() - t) / 1000;
  console.log(`seeded ${USERS} users × one year in ${seedSeconds.toFixed(1)} s`);

  const app = createApp({
    db,
    terra: {} as never, // read routes never call Terra
    logger: pino({ level: "silent" }),
    clock: { now: () => new Date() },
    tokens: [{ name: "bench", role: "read", token: TOKEN }],
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((r) => server.once("listening", () => r()));
  const port = (server.address() as { port: number }).port;

  const userAt = (i: number) => `bench-${String(1 + ((i * 7919) % USERS)).padStart(5, "0")}`;
  const requestUsers = Array.from({ length: REQUESTS }, (_, i) => userAt(i));

  /** HTTP from a separate process (bench/http-client.mjs), so client work stays off the server's loop. */
  const http = async (path: (u: string) => string, clients = CLIENTS): Promise<Stats & { bytes: number }> => {
    const arg = JSON.stringify({
      base: `http://127.0.0.1:${port}`,
      token: TOKEN,
      paths: requestUsers.map(path),
      clients,
      requests: clients === 1 ? SERIAL_REQUESTS : REQUESTS,
      warmup: clients * 4,
    });
    const out = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        [fileURLToPath(new URL("./http-client.mjs", import.meta.url)), arg],
        { maxBuffer: 64 << 20 },
        (err, stdout) => (err ? reject(err) : resolve(stdout)),
      );
    });
    const r = JSON.parse(out) as { latencies: number[]; seconds: number; bytes: number };
    return { ...stats(r.latencies, r.seconds), bytes: r.bytes };
  };
  const yearPath = (u: string) => `/v1/users/${u}/daily?start_date=${FROM}&end_date=${TO}&limit=500`;
  const summaryPath = (u: string) => `/v1/users/${u}/summary?start_date=${FROM}&end_date=${TO}`;
  const yearDirect = async (i: number) => {
    // What the route calls: documents stay JSON text (the route splices them into its answer).
    const r = await readRecordsJson(db, {
      type: "daily",
      userId: userAt(i),
      startDate: FROM,
      endDate: TO,
      limit: 500,
      maxBytes: DEFAULT_PAGE_MAX_BYTES, // the route's byte budget (a year of daily is far under it)
    });
    if (r.items.length < 365) throw new Error("short year");
  };
  const summaryDirect = async (i: number) => {
    const r = await dailySummary(db, { userId: userAt(i), startDate: FROM, endDate: TO });
    if (r.length < 365) throw new Error("short summary");
  };

  /** The baseline: the same storage call on the same pool, same concurrency, in this process. */
  async function direct(fn: (i: number) => Promise<void>): Promise<Stats> {
    for (let i = 0; i < CLIENTS * 4; i++) await fn(REQUESTS - 1 - i); // warm-up: plans, connections, JIT
    const lat: number[] = [];
    let next = 0;
    const start = performance.now();
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < REQUESTS) {
          const i = next++;
          const t0 = performance.now();
          await fn(i);
          lat.push(performance.now() - t0);
        }
      }),
    );
    return stats(lat, (performance.now() - start) / 1000);
  }

  t = performance.now();
  const loadAtStart = loadavg()[0] ?? 0;
  const results = {
    yearDirect: await direct(yearDirect),
    yearHttp: await http(yearPath),
    yearSerial: await http(yearPath, 1),
    summaryDirect: await direct(summaryDirect),
    summaryHttp: await http(summaryPath),
    summarySerial: await http(summaryPath, 1),
  };
  const loadAtEnd = loadavg()[0] ?? 0;
  console.log(`measured in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  server.close();

  const f = (n: number) => n.toFixed(1);
  const row = (name: string, d: Stats, h: Stats, one: Stats, kb: number) =>
    `| ${name} | ${f(d.p50)} / ${f(d.p99)} | ${f(h.p50)} / ${f(h.p99)} | ${(h.p99 / d.p99).toFixed(2)}× | ${h.rps.toFixed(0)} | ${f(one.p50)} | ${kb.toFixed(0)} KB | ${h.p99 < 25 ? "yes" : "**no**"} |`;
  const md = [
    "## admin: read path (`apps/admin/bench/read.bench.ts`)",
    "",
    machineLine(),
    `Load average (1 min): ${loadAtStart.toFixed(1)} when measuring began, ${loadAtEnd.toFixed(1)} when it ended, on ${cpus().length} cores (other jobs share the machine; with 16 clients on 2 cores, queueing behind other processes dominates p99).`,
    "",
    `${USERS} users × one year (${FROM}…${TO}) of daily and sleep records, body every other day, in real PostgreSQL ` +
      `(seeded in ${seedSeconds.toFixed(1)} s). ${REQUESTS} requests per scenario from ${CLIENTS} concurrent clients, ` +
      "each for a different user; the HTTP clients run in a separate process. Baseline: the same storage call on the " +
      "same pool at the same concurrency, without HTTP, auth, validation or JSON serialisation.",
    "",
    "Read path as measured: `readRecordsJson` reads the `(user_id, local_date NULLS FIRST, id)` index in order " +
      "(no sort; migration 0003) and returns each document as PostgreSQL's JSON text, which the route splices " +
      "into its answer unparsed; `dailySummary` reads daily, body and sleep once each and full-joins them by day.",
    "",
    "| scenario | direct p50 / p99 (ms) | HTTP p50 / p99 (ms) | p99 ratio | HTTP req/s | HTTP p50, 1 client (ms) | response | HTTP p99 < 25 ms |",
    "|---|---|---|---|---|---|---|---|",
    row(
      "one user's year of daily (365 documents, one page)",
      results.yearDirect,
      results.yearHttp,
      results.yearSerial,
      results.yearHttp.bytes / 1024,
    ),
    row(
      "per-day summary for the year",
      results.summaryDirect,
      results.summaryHttp,
      results.summarySerial,
      results.summaryHttp.bytes / 1024,
    ),
  ].join("\n");
  console.log(md);
  writeBenchSection("admin", md);
} finally {
  await db.close();
  await fresh.close();
}
