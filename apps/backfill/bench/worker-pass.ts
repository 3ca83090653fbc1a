// The measured process of the backfill bench: two passes of the worker (nothing else loaded: no
// sandbox, no baseline) against the answer server and a migrated database named by the parent
// (bench/backfill.bench.ts). Prints one `result=<json>` line with the pass summaries, the requests
// the answer server counted per pass, and this process's memory (sampled RSS, VmHWM, heap after GC).
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { parseMeasurementSelection } from "@wearables/schemas";
import { createDb } from "@wearables/storage";
import { createTerraClient } from "@wearables/terra-client";
import pino from "pino";
import { systemClock } from "../src/clock.ts";
import { DEFAULT_CONFIG, type WorkerConfig } from "../src/config.ts";
import { TEST_TYPES } from "../src/test-harness.ts";
import { runPass } from "../src/worker.ts";

const DB_URL = process.env.BENCH_DB_URL!;
const BASE = process.env.BENCH_TERRA_URL!;
const CONCURRENCY = Number(process.env.BENCH_BACKFILL_CONCURRENCY ?? DEFAULT_CONFIG.concurrency);

/** VmHWM (peak resident set) of this process, in bytes, from /proc (Linux). */
function vmHwm(): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync("/proc/self/status", "utf8"));
  return m ? Number(m[1]) * 1024 : Number.NaN;
}

async function counter(): Promise<{ requests: number; days: number }> {
  return (await fetch(`${BASE}/__bench/counter?reset`)).json() as Promise<{ requests: number; days: number }>;
}

const cfg: WorkerConfig = {
  ...DEFAULT_CONFIG,
  dataTypes: TEST_TYPES,
  historyDays: 365,
  concurrency: CONCURRENCY,
  claimBatch: Number(process.env.BENCH_BACKFILL_CLAIM_BATCH ?? DEFAULT_CONFIG.claimBatch),
};
const terra = createTerraClient({ devId: "dev-bench", apiKey: "key-bench", baseUrl: `${BASE}/v2` });
// A pool wide enough for every worker loop.
const db = await createDb(DB_URL, { poolSize: CONCURRENCY + 4 });
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const rssBefore = process.memoryUsage().rss;
const hwmBefore = vmHwm();
let peakRss = rssBefore;
// What the resident set is made of at its peak sample: V8 heap reserved, off-heap buffers.
let atPeak = { heapTotal: 0, heapUsed: 0, external: 0 };
const sampler = setInterval(() => {
  const m = process.memoryUsage();
  if (m.rss > peakRss) atPeak = { heapTotal: m.heapTotal, heapUsed: m.heapUsed, external: m.external };
  peakRss = Math.max(peakRss, m.rss);
}, 100);
try {
  const deps = { db, terra, logger: pino({ level: "warn" }), clock: systemClock };
  await counter();
  // BENCH_MEASUREMENTS: which measurements the worker writes as series rows (default: the default).
  const opts = { measurements: parseMeasurementSelection(process.env.BENCH_MEASUREMENTS) };
  const first = await runPass(deps, cfg, opts);
  const loadAfterFirst = loadavg();
  const firstCount = await counter();
  const second = await runPass(deps, cfg, opts);
  const secondCount = await counter();
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const hwm = vmHwm();
  gc?.();
  const heapAfter = process.memoryUsage().heapUsed;
  const out = {
    first,
    second,
    firstCount,
    secondCount,
    loadAfterFirst,
    rssBefore,
    hwmBefore,
    peakRss,
    atPeak,
    hwm,
    heapAfter,
  };
  process.stdout.write(`result=${JSON.stringify(out)}\n`);
} finally {
  clearInterval(sampler);
  await db.close();
}
