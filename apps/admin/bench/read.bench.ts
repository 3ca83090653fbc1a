// The admin read path against its targets (docs/benchmarks.md, section "admin"), on real
// PostgreSQL with 1,000 users × one year: one user's series at 16 clients, a threshold across all
// users, a consumer draining the change feed, and one user's year of Daily documents against a
// naive route in the same run. Clients run in separate processes. Skips when PostgreSQL is down.
import { cpus, loadavg } from "node:os";
import { serve } from "@hono/node-server";
import { measurementByName } from "@wearables/schemas";
import { createDb, ping, readSeries, thresholdCrossings } from "@wearables/storage";
import { testDb } from "@wearables/storage/testing";
import { machineLine, writeBenchSection } from "@wearables/test-support/bench";
import pino from "pino";
import { createApp } from "../src/app.ts";
import { direct, drain, type HttpRun, httpLoad, type Stats } from "./load.ts";
import { naiveApp } from "./naive.ts";
import { seedStatements } from "./seed.sql.ts";
import { measurementSeedStatements } from "./seed-measurements.sql.ts";

const URL_ = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const USERS = Number(process.env.BENCH_ADMIN_USERS ?? 1000);
const CLIENTS = 16;
const REQUESTS = Number(process.env.BENCH_ADMIN_REQUESTS ?? 480);
const FROM = "2025-01-01";
const TO = "2025-12-31";
const TOKEN = "bench-admin-token-0123456789";
const DRAIN = Math.min(100_000, USERS * 365);

const probe = await createDb(URL_, { poolSize: 1 });
const up = await Promise.race([ping(probe), new Promise<boolean>((r) => setTimeout(() => r(false), 3000))]);
await probe.close().catch(() => {});
if (!up) {
  console.log(`admin bench skipped: PostgreSQL does not answer at ${URL_.replace(/:[^:@/]*@/, ":***@")}`);
  process.exit(0);
}

const listen = async (fetch: (r: Request) => Response | Promise<Response>) => {
  const server = serve({ fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((r) => server.once("listening", () => r()));
  return { server, base: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
};

const fresh = await testDb({ url: URL_ });
const db = await createDb(fresh.url, { poolSize: CLIENTS + 4 });
try {
  let t = performance.now();
  const [users, ...tables] = seedStatements(USERS, FROM, TO);
  await db.orm.execute(users!);
  await Promise.all(tables.map((stmt) => db.orm.execute(stmt)));
  // Measurement rows from the records, and the feed's order as many separate commits made it.
  await Promise.all(measurementSeedStatements().map((stmt) => db.orm.execute(stmt)));
  await db.orm.execute("vacuum analyze");
  const seedSeconds = (performance.now() - t) / 1000;
  const sizes = (await db.orm.execute(
    "select (select count(*) from measurements)::bigint as rows, pg_total_relation_size('measurements') as bytes",
  )) as unknown as { rows: { rows: string; bytes: string }[] };
  const measurementRows = Number(sizes.rows[0]?.rows);
  console.log(
    `seeded ${USERS} users × one year in ${seedSeconds.toFixed(1)} s (${measurementRows} measurement rows)`,
  );

  const app = createApp({
    db,
    terra: {} as never, // read routes never call Terra
    logger: pino({ level: "silent" }),
    clock: { now: () => new Date() },
    tokens: [{ name: "bench", role: "read", token: TOKEN }],
  });
  const ours = await listen(app.fetch);
  const naive = await listen(naiveApp(db).fetch);

  const userAt = (i: number) => `bench-${String(1 + ((i * 7919) % USERS)).padStart(5, "0")}`;
  const each = (f: (u: string) => string) => Array.from({ length: REQUESTS }, (_, i) => f(userAt(i)));
  // Every client asks for gzip, as browsers and HTTP libraries do (the naive route ignores it).
  const load = (base: string, paths: string[], extra: Partial<Parameters<typeof httpLoad>[0]> = {}) =>
    httpLoad({
      base,
      token: TOKEN,
      paths,
      clients: CLIENTS,
      requests: REQUESTS,
      headers: { "accept-encoding": "gzip" },
      ...extra,
    });
  const code = (n: string) => measurementByName(n)!.code;
  const three = ["steps", "active_calories", "resting_heart_rate"];
  const seriesPath = (bucket: string) => (u: string) =>
    `/v1/users/${u}/series?measurement=${three.join(",")}&start=${FROM}&end=${TO}&bucket=${bucket}`;
  const thresholdPath = (start: string, end: string, min: number) =>
    `/v1/series/systolic_bp?start=${start}&end=${end}&min=${min}`;
  const docsPath = (u: string) => `/v1/users/${u}/daily?start_date=${FROM}&end_date=${TO}&limit=500`;

  t = performance.now();
  const loadAtStart = loadavg();
  const seriesDirect = await direct(
    (i) =>
      readSeries(db, {
        userId: userAt(i),
        measurements: three.map(code),
        startDate: FROM,
        endDate: TO,
        bucket: "day",
      }),
    CLIENTS,
    REQUESTS,
  );
  const seriesDay = await load(ours.base, each(seriesPath("day")));
  const seriesRaw = await load(ours.base, each(seriesPath("raw")));
  const week = ["2025-06-02", "2025-06-08"] as const;
  const thresholdRuns: [string, Stats, HttpRun, HttpRun][] = [];
  // Seeded systolic readings run from 112 to 157 mmHg: ≥ 140 is crossed by most users (the first
  // page fills early), ≥ 170 by nobody (every user's range is probed: the worst case).
  for (const [label, start, end, min] of [
    ["≥ 140, one week", ...week, 140],
    ["≥ 140, the whole year", FROM, TO, 140],
    ["≥ 170 (nobody: every user probed), the whole year", FROM, TO, 170],
  ] as const) {
    const d = await direct(
      () => thresholdCrossings(db, { measurement: code("systolic_bp"), startDate: start, endDate: end, min }),
      1,
      40,
    );
    const paths = [thresholdPath(start, end, min)];
    const one = await load(ours.base, paths, { clients: 1, requests: 60 });
    const four = await load(ours.base, paths, { clients: 4, requests: 120 });
    thresholdRuns.push([label, d, one, four]);
  }
  const feed = await drain({ base: ours.base, token: TOKEN, target: DRAIN, limit: 1000 });
  const feedBig = await drain({ base: ours.base, token: TOKEN, target: DRAIN, limit: 10_000 });
  // Same users, same order, same concurrency: the naive route, then ours with gzip, then ours
  // revalidated (If-None-Match with the ETag each client got before).
  const docsNaive = await load(
    naive.base,
    each((u) => `/naive/users/${u}/daily?start_date=${FROM}&end_date=${TO}`),
  );
  const docsOurs = await load(ours.base, each(docsPath));
  const etags = await Promise.all(
    each(docsPath).map(async (p) => {
      const r = await fetch(`${ours.base}${p}`, { headers: { authorization: `Bearer ${TOKEN}` } });
      await r.arrayBuffer();
      return r.headers.get("etag") ?? "";
    }),
  );
  const docsRevalidated = await load(ours.base, each(docsPath), { etags });
  const wire = async (encoding: string) => {
    const r = await app.request(docsPath(userAt(0)), {
      headers: { authorization: `Bearer ${TOKEN}`, "accept-encoding": encoding },
    });
    return (await r.arrayBuffer()).byteLength;
  };
  const [plainBytes, gzipBytes, brBytes] = [await wire("identity"), await wire("gzip"), await wire("br")];
  const loadAtEnd = loadavg();
  console.log(`measured in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  ours.server.close();
  naive.server.close();

  const f = (n: number) => n.toFixed(1);
  const yes = (ok: boolean) => (ok ? "yes" : "**no**");
  const rate = (r: { seen: number; seconds: number }) => r.seen / r.seconds;
  const md = [
    "## admin: read path (`apps/admin/bench/read.bench.ts`)",
    "",
    machineLine(),
    `Load average (1/5/15 min) when measuring began: ${loadAtStart.map((l) => l.toFixed(1)).join(" / ")}; when it ended: ${loadAtEnd.map((l) => l.toFixed(1)).join(" / ")}, on ${cpus().length} cores shared with the server, PostgreSQL and the client processes. PostgreSQL: ${URL_.replace(/\/\/[^@]*@/, "//")}.`,
    "",
    `${USERS} users × one year (${FROM}…${TO}) of daily and sleep records, body every other day, and their ${measurementRows.toLocaleString("en")} measurement rows (${(Number(sizes.rows[0]?.bytes) / 2 ** 20).toFixed(0)} MiB with indexes), seeded in ${seedSeconds.toFixed(0)} s. HTTP clients run in separate processes (node:http, keep-alive, closed loop, each request for a different user, asking for gzip); "direct" is the storage call on the same pool at the same concurrency, no HTTP. Server and client CPU are per request (the database's is in neither); "on the wire" is the last answer's size as sent.`,
    "",
    "| scenario | target | clients | direct p50 / p99 (ms) | HTTP p50 / p99 (ms) | req/s | server / client CPU ms/req | on the wire | met |",
    "|---|---|---|---|---|---|---|---|---|",
    `| one user's year of steps, active calories, resting HR, bucket=day | p99 < 25 ms | ${CLIENTS} | ${f(seriesDirect.p50)} / ${f(seriesDirect.p99)} | ${f(seriesDay.p50)} / ${f(seriesDay.p99)} | ${seriesDay.rps.toFixed(0)} | ${seriesDay.serverCpuMs.toFixed(2)} / ${seriesDay.clientCpuMs.toFixed(2)} | ${(seriesDay.bytes / 1024).toFixed(0)} KB | ${yes(seriesDay.p99 < 25)} |`,
    `| the same, bucket=raw (1,095 points with their record keys) | p99 < 25 ms | ${CLIENTS} | – | ${f(seriesRaw.p50)} / ${f(seriesRaw.p99)} | ${seriesRaw.rps.toFixed(0)} | ${seriesRaw.serverCpuMs.toFixed(2)} / ${seriesRaw.clientCpuMs.toFixed(2)} | ${(seriesRaw.bytes / 1024).toFixed(0)} KB | ${yes(seriesRaw.p99 < 25)} |`,
    ...thresholdRuns.flatMap(([label, d, one, four]) => [
      `| systolic_bp ${label}, across ${USERS} users (first page of 100 users) | p99 < 100 ms | 1 | ${f(d.p50)} / ${f(d.p99)} | ${f(one.p50)} / ${f(one.p99)} | ${one.rps.toFixed(0)} | ${one.serverCpuMs.toFixed(2)} / ${one.clientCpuMs.toFixed(2)} | ${(one.bytes / 1024).toFixed(0)} KB | ${yes(one.p99 < 100)} |`,
      `| the same at 4 clients | – | 4 | – | ${f(four.p50)} / ${f(four.p99)} | ${four.rps.toFixed(0)} | ${four.serverCpuMs.toFixed(2)} / ${four.clientCpuMs.toFixed(2)} | | |`,
    ]),
    "",
    "| change feed | target | value | met |",
    "|---|---|---|---|",
    `| a consumer drains ${DRAIN.toLocaleString("en")} changes from the beginning, pages of 1,000 | ≥ 20,000 changes/s | ${rate(feed).toFixed(0)} changes/s (${feed.pages} pages, ${f(feed.seconds)} s; page p50 ${f([...feed.pageMs].sort((a, b) => a - b)[Math.floor(feed.pageMs.length / 2)]!)} ms) | ${yes(rate(feed) >= 20_000)} |`,
    `| the same, pages of 10,000 | – | ${rate(feedBig).toFixed(0)} changes/s (${feedBig.pages} pages) | |`,
    "",
    `| one user's year of Daily documents (365, one page) | req/s at ${CLIENTS} clients | p50 / p99 (ms) | server / client CPU ms/req | on the wire | ratio to naive |`,
    "|---|---|---|---|---|---|",
    `| naive route: rows through the ORM, JSON.stringify, no compression (baseline) | ${docsNaive.rps.toFixed(0)} | ${f(docsNaive.p50)} / ${f(docsNaive.p99)} | ${docsNaive.serverCpuMs.toFixed(2)} / ${docsNaive.clientCpuMs.toFixed(2)} | ${(docsNaive.bytes / 1024).toFixed(0)} KB | 1.00× |`,
    `| ours, client asks for gzip | ${docsOurs.rps.toFixed(0)} | ${f(docsOurs.p50)} / ${f(docsOurs.p99)} | ${docsOurs.serverCpuMs.toFixed(2)} / ${docsOurs.clientCpuMs.toFixed(2)} | ${(docsOurs.bytes / 1024).toFixed(0)} KB | **${(docsOurs.rps / docsNaive.rps).toFixed(2)}×** (target ≥ 2×: ${yes(docsOurs.rps >= 2 * docsNaive.rps)}) |`,
    `| ours, revalidated with If-None-Match (304, no document read) | ${docsRevalidated.rps.toFixed(0)} | ${f(docsRevalidated.p50)} / ${f(docsRevalidated.p99)} | ${docsRevalidated.serverCpuMs.toFixed(2)} / ${docsRevalidated.clientCpuMs.toFixed(2)} | ${(docsRevalidated.bytes / 1024).toFixed(0)} KB | ${(docsRevalidated.rps / docsNaive.rps).toFixed(2)}× |`,
    "",
    `Bytes on the wire for that answer: ${(plainBytes / 1024).toFixed(0)} KB uncompressed, ${(gzipBytes / 1024).toFixed(0)} KB with gzip, ${(brBytes / 1024).toFixed(0)} KB with brotli (answers over 256 KiB are compressed at the fastest level, gzip 1 and brotli 1, on the thread pool; smaller ones at gzip 4 and brotli 4). The documents are the bench's synthetic Daily template with the day and steps changed, so they compress better than real ones.`,
  ].join("\n");
  console.log(md);
  if (!process.env.BENCH_ADMIN_DRY) writeBenchSection("admin", md);
} finally {
  await db.close();
  await fresh.close();
}
