// `pnpm start`: the only file that reads the environment for the all-in-one process.

import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { type AdminToken, parseAdminTokens } from "@wearables/admin";
import { jsonReporter } from "@wearables/backfill/progress";
import pino from "pino";
import { z } from "zod";
import { startAll } from "./start.ts";

const Env = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  ADMIN_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
  SANDBOX_PORT: z.coerce.number().int().min(1).max(65535).default(4010),
  HOST: z.string().default("127.0.0.1"),
  ADMIN_TOKENS: z.string().optional(),
  BACKFILL_EVERY: z.string().default("*/15 * * * *"),
  SANDBOX_USERS: z.coerce.number().int().min(0).max(1000).default(3),
  SANDBOX_SEED: z.string().min(1).default("demo"),
  SANDBOX_PUSH_EVERY_MS: z.coerce.number().int().min(100).default(5000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("warn"),
});

/** Without ADMIN_TOKENS, one admin token is made once and kept beside the embedded database. */
function localAdminToken(): AdminToken[] {
  const file = resolve(".data", "admin-token");
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(24).toString("hex"), { mode: 0o600 });
  }
  return [{ name: "local", role: "admin", token: readFileSync(file, "utf8").trim() }];
}

async function main(): Promise<void> {
  const parsed = Env.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    process.stderr.write(`invalid environment:\n${lines.join("\n")}\n`);
    process.exit(2);
  }
  const env = parsed.data;
  const logger = pino({ level: env.LOG_LEVEL, base: { service: "wearables" } });
  const tokens = env.ADMIN_TOKENS ? parseAdminTokens(env.ADMIN_TOKENS) : localAdminToken();
  if (process.env.TERRA_API_KEY && !process.env.TERRA_WEBHOOK_SECRET) {
    process.stderr.write("TERRA_WEBHOOK_SECRET is required with TERRA_API_KEY (Terra's signing secret)\n");
    process.exit(2);
  }
  const running = await startAll({
    env: process.env,
    logger,
    webhookPort: env.PORT,
    adminPort: env.ADMIN_PORT,
    sandboxPort: env.SANDBOX_PORT,
    host: env.HOST,
    adminTokens: tokens,
    backfillEvery: env.BACKFILL_EVERY,
    reporter: jsonReporter(process.stdout),
    sandbox: { users: env.SANDBOX_USERS, seed: env.SANDBOX_SEED, pushEveryMs: env.SANDBOX_PUSH_EVERY_MS },
  });
  const token = tokens.find((t) => t.role === "admin") ?? tokens[0]!;
  const lines = [
    running.mode === "sandbox"
      ? `wearables is running in SANDBOX MODE: no TERRA_API_KEY is set, so a local Terra sandbox with ${env.SANDBOX_USERS} synthetic Withings users posts signed webhooks and answers the backfill. Set TERRA_API_KEY, TERRA_DEV_ID and TERRA_WEBHOOK_SECRET to run against Terra.`
      : "wearables is running against Terra.",
    `  webhook     POST ${running.urls.webhook}`,
    `  admin API   ${running.urls.admin}/v1/users   (reference: ${running.urls.docs})`,
    running.urls.dashboard
      ? `  dashboard   ${running.urls.dashboard}   (log in with the admin token below)`
      : "  dashboard   not built: pnpm --filter @wearables/dashboard build",
    `  admin token ${env.ADMIN_TOKENS ? `${token.name} (from ADMIN_TOKENS)` : `${token.token}   (kept in .data/admin-token)`}`,
    `  try         curl -H "Authorization: Bearer <token>" ${running.urls.admin}/v1/users`,
    running.urls.sandbox ? `  sandbox     ${running.urls.sandbox}` : null,
    `  database    ${running.db.kind === "pglite" ? `embedded PGlite (${process.env.DATABASE_URL ?? "./.data/pglite"})` : "PostgreSQL"}`,
    `  backfill    a pass now, then "${env.BACKFILL_EVERY}"`,
    "Ctrl-C stops.",
  ];
  process.stdout.write(`${lines.filter(Boolean).join("\n")}\n`);

  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    running.stop().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

await main();
