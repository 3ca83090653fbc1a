// A service process for the large-delivery runs, composed from the environment exactly as
// src/index.ts composes it (worker threads, local handoff). Prints {"port":…} once listening.
import { serve } from "@hono/node-server";
import pino from "pino";
import { composeWebhook } from "../src/compose.ts";
import { parseEnv } from "../src/env.ts";

const env = parseEnv({ ...process.env, TERRA_WEBHOOK_SECRET: process.env.BENCH_SECRET ?? "bench-secret" });
const composed = await composeWebhook(env, { logger: pino({ level: "silent" }) });
composed.start();
serve(
  {
    fetch: composed.service.app.fetch,
    port: 0,
    hostname: "127.0.0.1",
    serverOptions: composed.serverOptions,
  },
  (info) => {
    process.stdout.write(`${JSON.stringify({ port: info.port })}\n`);
  },
);
