// The only file that reads the environment. Fails fast, naming the variable, on a bad value.
import { serve } from "@hono/node-server";
import { loadIngestConfig } from "@wearables/ingest";
import { createDb, migrate } from "@wearables/storage";
import { createTerraClient } from "@wearables/terra-client";
import pino from "pino";
import { z } from "zod";
import { createApp } from "./app.ts";
import type { TerraPort } from "./deps.ts";
import { AppError } from "./errors.ts";
import { parseAdminTokens } from "./tokens.ts";

const EnvSchema = z.object({
  DATABASE_URL: z.string().optional().describe("pglite://… or postgres://…; unset: PGlite in ./.data/pglite"),
  ADMIN_TOKENS: z
    .string({ error: "ADMIN_TOKENS is required: name:role:token,… or a JSON array" })
    .min(1)
    .transform((s, ctx) => {
      try {
        return parseAdminTokens(s);
      } catch (err) {
        // The message names the bad entry's field, never the token itself.
        ctx.addIssue({
          code: "custom",
          message: err instanceof z.ZodError ? z.prettifyError(err) : String(err),
        });
        return z.NEVER;
      }
    }),
  TERRA_DEV_ID: z.string().min(1).optional(),
  TERRA_API_KEY: z.string().min(1).optional(),
  TERRA_API_URL: z.url().optional(),
  DATA_TYPES: z.string().optional().describe("Replays apply the same as the webhook: comma-separated"),
  FIELD_SELECTION: z.string().optional().describe("Path to the webhook's field-selection JSON"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3002),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

const parsed = EnvSchema.safeParse(process.env);
if (!parsed.success) {
  console.error(`admin: invalid environment\n${z.prettifyError(parsed.error)}`);
  process.exit(1);
}
const env = parsed.data;
const logger = pino({ level: env.LOG_LEVEL, redact: ["req.headers.authorization"] });

const ingest = loadIngestConfig({ dataTypes: env.DATA_TYPES, fieldSelection: env.FIELD_SELECTION });
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
