// The only file that reads the environment. Fails fast, naming the variable, on a bad value.
import { serve } from "@hono/node-server";
import { loadIngestConfig } from "@wearables/ingest";
import { createDb, migrate } from "@wearables/storage";
import { createTerraClient } from "@wearables/terra-client";
import pino from "pino";
import { createApp } from "./app.ts";
import type { TerraPort } from "./deps.ts";
import { loadEnv } from "./env.ts";
import { AppError } from "./errors.ts";

const loaded = loadEnv(process.env);
if (!loaded.ok) {
  console.error(loaded.message);
  process.exit(1);
}
const env = loaded.env;
const logger = pino({ level: env.LOG_LEVEL, redact: ["req.headers.authorization"] });

const ingest = loadIngestConfig({
  dataTypes: env.DATA_TYPES,
  fieldSelection: env.FIELD_SELECTION,
  measurements: env.MEASUREMENTS,
});
const db = await createDb(env.DATABASE_URL);
await migrate(db);

const terra: TerraPort =
  env.TERRA_DEV_ID && env.TERRA_API_KEY
    ? createTerraClient({ devId: env.TERRA_DEV_ID, apiKey: env.TERRA_API_KEY, baseUrl: env.TERRA_API_URL })
    : notConfigured();

function notConfigured(): TerraPort {
  logger.warn("TERRA_DEV_ID/TERRA_API_KEY unset: connect, disconnect and erase will answer 502");
  const fail = async (): Promise<never> => {
    throw new AppError("terra_error", "Terra credentials are not configured on this server");
  };
  return { generateWidgetSession: fail, authenticateUser: fail, deauthenticateUser: fail };
}

const app = createApp({
  db,
  terra,
  logger,
  clock: { now: () => new Date() },
  tokens: env.ADMIN_TOKENS,
  ingest,
});
const server = serve({ fetch: app.fetch, port: env.PORT }, (info) => {
  logger.info({ port: info.port, tokens: env.ADMIN_TOKENS.length, db: db.url }, "admin listening");
});

for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => {
    server.close(() => void db.close().finally(() => process.exit(0)));
  });
}
