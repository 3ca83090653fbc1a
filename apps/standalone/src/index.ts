// `pnpm start`: the only file that reads the environment for the all-in-one process.

import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { type AdminToken, parseAdminTokens } from "@wearables/admin";
import { jsonReporter } from "@wearables/backfill/progress";
import { createLogger } from "@wearables/service-kit";
import { z } from "zod";
import { startBanner } from "./banner.ts";
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
  // One logger for the three apps, with the one redaction policy: the webhook's lines too.
  const logger = createLogger({ service: "wearables", level: env.LOG_LEVEL });
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
  process.stdout.write(
    startBanner({
      mode: running.mode,
      sandboxUsers: env.SANDBOX_USERS,
      urls: running.urls,
      db: running.db,
      token,
      tokenFromEnv: Boolean(env.ADMIN_TOKENS),
      backfillEvery: env.BACKFILL_EVERY,
    }),
  );

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
