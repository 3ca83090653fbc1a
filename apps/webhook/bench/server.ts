// A service process for the memory measurement: ours or the baseline, on DATABASE_URL.
// Prints {"port":…} once listening. The commit time-out is lifted: this run measures memory until
// the delivery is stored, not latency (a loaded machine can take longer than Terra's 8 s here).
import { serve } from "@hono/node-server";
import { loadIngestConfig } from "@wearables/ingest";
import { createDb, migrate } from "@wearables/storage";
import pino from "pino";
import { createApp } from "../src/app.ts";
import { createBaselineApp } from "./baseline.ts";

const mode = process.argv[2] === "baseline" ? "baseline" : "ours";
const secret = process.env.BENCH_SECRET ?? "bench-secret";
const db = await createDb(process.env.DATABASE_URL, { poolSize: 8 });
await migrate(db);
const app =
  mode === "baseline"
    ? createBaselineApp(db, [secret])
    : createApp({
        db,
        ingest: loadIngestConfig(),
        secrets: [secret],
        logger: pino({ level: "silent" }),
        batch: { concurrency: 4 },
      }).app;
serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) => {
  process.stdout.write(`${JSON.stringify({ port: info.port })}\n`);
});
