import { serve } from "@hono/node-server";
import type { Logger } from "pino";
import type { ComposedWebhook } from "./compose.ts";

/**
 * Serves a composed webhook (the service or the processor command) until SIGTERM/SIGINT: then no
 * new connections, what is queued committed, the batch in hand finished, held rows released,
 * exit 0 (1 past the time limit).
 */
export function serveUntilSignal(
  composed: ComposedWebhook,
  o: { port: number; host: string; shutdownTimeoutMs: number; logger: Logger; startedLine: string },
): void {
  composed.start();
  const server = serve(
    {
      fetch: composed.service.app.fetch,
      port: o.port,
      hostname: o.host,
      serverOptions: composed.serverOptions,
    },
    (info) => o.logger.info({ port: info.port, ...composed.summary }, o.startedLine),
  );
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    o.logger.info(
      { signal },
      "shutting down: no new connections, committing what is queued, finishing the batch in hand",
    );
    const force = setTimeout(() => {
      o.logger.error("shutdown timed out");
      process.exit(1);
    }, o.shutdownTimeoutMs);
    force.unref();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    await composed.stop();
    await closed;
    o.logger.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}
