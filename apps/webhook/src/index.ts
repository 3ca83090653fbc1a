// The webhook service's entry point: the only file besides processor.ts that reads the environment.
import { createLogger } from "@wearables/service-kit";
import { composeWebhook } from "./compose.ts";
import { parseEnv } from "./env.ts";
import { serveUntilSignal } from "./serve.ts";

async function main(): Promise<void> {
  let env: ReturnType<typeof parseEnv>;
  try {
    env = parseEnv(process.env);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(2);
  }
  const logger = createLogger({ service: "webhook", level: env.LOG_LEVEL });
  const composed = await composeWebhook(env, { logger, defaultMetrics: true });
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
