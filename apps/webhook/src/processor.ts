// `processor`: processing behind the inbox without receiving, for deployments that scale the two
// apart. The same composition as the service (src/compose.ts) with the webhook route off; it
// serves /healthz, /readyz and /metrics on PORT.
import { createLogger, packageVersion } from "@wearables/service-kit";
import { composeWebhook } from "./compose.ts";
import { readProcessorEnv } from "./env.ts";
import { serveUntilSignal } from "./serve.ts";

async function main(): Promise<void> {
  const env = readProcessorEnv();
  const logger = createLogger({ service: "processor", level: env.LOG_LEVEL });
  const version = env.APP_VERSION ?? packageVersion(import.meta.url);
  const composed = await composeWebhook(env, { logger, receive: false, defaultMetrics: true, version });
  serveUntilSignal(composed, {
    port: env.PORT,
    host: env.HOST,
    shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    logger,
    startedLine: "processor running",
  });
}

main().catch((err) => {
  process.stderr.write(`processor failed to start: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
