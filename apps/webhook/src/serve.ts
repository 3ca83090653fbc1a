import { serve } from "@hono/node-server";
import { onShutdown } from "@wearables/service-kit";
import type { Logger } from "pino";
import type { ComposedWebhook } from "./compose.ts";

/**
 * Serves a composed webhook (the service or the processor command) until SIGTERM/SIGINT: then no
 * new connections, what is queued committed, the batch in hand finished, held rows released,
 * exit 0 (1 past the time limit; the service kit's shutdown).
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
  onShutdown({
    logger: o.logger,
    timeoutMs: o.shutdownTimeoutMs,
    what: "no new connections, committing what is queued, finishing the batch in hand",
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await composed.stop();
      await closed;
    },
  });
}
