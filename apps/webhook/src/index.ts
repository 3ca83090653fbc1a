// The webhook service's entry point: the environment (src/env.ts), the one composition, serve.
import { createLogger, packageVersion } from "@wearables/service-kit";
import { composeWebhook } from "./compose.ts";
import { readEnv } from "./env.ts";
import { serveUntilSignal } from "./serve.ts";

async function main(): Promise<void> {
  const env = readEnv();
  const logger = createLogger({ service: "webhook", level: env.LOG_LEVEL });
  const version = env.APP_VERSION ?? packageVersion(import.meta.url);
  const composed = await composeWebhook(env, { logger, defaultMetrics: true, version });
  serveUntilSignal(composed, {
    port: env.PORT,
    host: env.HOST,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    logger,
    startedLine: "webhook listening",
  });
}

main().catch((err) => {
  process.stderr.write(`webhook failed to start: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
