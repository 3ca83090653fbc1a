// `processor`: processing behind the inbox without receiving, for deployments that scale the two
// apart. The same composition as the service (src/compose.ts) with the webhook route off; it
// serves /healthz, /readyz and /metrics on PORT.
import { createLogger } from "@wearables/service-kit";
import { composeWebhook } from "./compose.ts";
import { parseEnv } from "./env.ts";
import { serveUntilSignal } from "./serve.ts";

async function main(): Promise<void> {
  let env: ReturnType<typeof parseEnv>;
  try {
    // The signing secret is not needed to process.
    env = parseEnv({ TERRA_WEBHOOK_SECRET: "unused-by-the-processor", ...process.env, PROCESSING: "on" });
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(2);
  }
  const logger = createLogger({ service: "processor", level: env.LOG_LEVEL });
  const composed = await composeWebhook(env, { logger, receive: false, defaultMetrics: true });
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
