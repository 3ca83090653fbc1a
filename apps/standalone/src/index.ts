// `pnpm start`: the three apps in one process (src/start.ts), the banner, the service kit's
// shutdown. Settings come from src/env.ts.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { type AdminToken, parseAdminTokens } from "@wearables/admin";
import { jsonReporter } from "@wearables/backfill/progress";
import { onShutdown, packageVersion } from "@wearables/service-kit";
import pino from "pino";
import { startBanner } from "./banner.ts";
import { appsEnvironment, readEnv } from "./env.ts";
import { startAll } from "./start.ts";

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
  const env = readEnv();
  const tokens = env.ADMIN_TOKENS ? parseAdminTokens(env.ADMIN_TOKENS) : localAdminToken();
  const running = await startAll({
    env: appsEnvironment(),
    // One destination for the apps' loggers: each line says which app wrote it in `service`.
    log: { level: env.LOG_LEVEL, destination: pino.destination(1) },
    webhookPort: env.PORT,
    adminPort: env.ADMIN_PORT,
    sandboxPort: env.SANDBOX_PORT,
    host: env.HOST,
    adminTokens: tokens,
    backfillEvery: env.BACKFILL_EVERY,
    reporter: jsonReporter(process.stdout),
    sandbox: { users: env.SANDBOX_USERS, seed: env.SANDBOX_SEED, pushEveryMs: env.SANDBOX_PUSH_EVERY_MS },
    version: packageVersion(import.meta.url),
    defaultMetrics: true,
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
  onShutdown({
    logger: running.logger,
    timeoutMs: running.shutdownTimeoutMs,
    what: "the backfill's windows in flight, the servers, the webhook's queue",
    stop: () => running.stop(),
  });
}

await main();
