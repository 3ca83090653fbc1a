// The admin API's entry point: the environment (src/env.ts), the one composition, serve, and the
// service kit's shutdown (stop accepting, finish what is in flight, close; exit 1 past the limit).
import { serve } from "@hono/node-server";
import { createLogger, onShutdown, packageVersion } from "@wearables/service-kit";
import { composeAdmin } from "./compose.ts";
import { readEnv } from "./env.ts";

async function main(): Promise<void> {
  const env = readEnv();
  const logger = createLogger({ service: "admin", level: env.LOG_LEVEL });
  const admin = await composeAdmin(env, {
    logger,
    version: env.APP_VERSION ?? packageVersion(import.meta.url),
    defaultMetrics: true,
  });
  const server = serve({ fetch: admin.app.fetch, port: env.PORT }, (info) =>
    logger.info({ port: info.port, ...admin.summary }, "admin listening"),
  );
  onShutdown({
    logger,
    timeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    what: "no new connections, finishing the requests in flight",
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await admin.stop();
    },
  });
}

main().catch((err) => {
  process.stderr.write(`admin failed to start: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
