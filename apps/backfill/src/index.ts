/**
 * `backfill` command: the environment (src/env.ts), the one composition (src/compose.ts), the
 * command; on SIGTERM/SIGINT the service kit's shutdown (claim nothing more, finish the windows
 * in flight, exit with the command's code; exit 1 past SHUTDOWN_TIMEOUT_MS).
 */
import { createLogger, onShutdown, packageVersion, safeError } from "@wearables/service-kit";
import { serveMetrics } from "@wearables/service-kit/metrics";
import pino from "pino";
import { parseCommand, USAGE, UsageError } from "./cli.ts";
import { composeBackfill, SetupError } from "./compose.ts";
import { readEnv } from "./env.ts";
import { jsonReporter, ttyReporter } from "./progress.ts";

async function main(argv: string[]): Promise<number> {
  let command: ReturnType<typeof parseCommand>;
  try {
    command = parseCommand(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`backfill: ${err.message}\n${USAGE}\n`);
    return 2;
  }
  if (command.cmd === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const env = readEnv();
  const tty = Boolean(process.stderr.isTTY);
  const level = env.LOG_LEVEL ?? (tty ? "warn" : "info");
  const logger = createLogger({ service: "backfill", level, destination: pino.destination(2) });
  let backfill: Awaited<ReturnType<typeof composeBackfill>>;
  try {
    backfill = await composeBackfill(env, {
      logger,
      version: env.APP_VERSION ?? packageVersion(import.meta.url),
      defaultMetrics: true,
    });
  } catch (err) {
    if (!(err instanceof SetupError)) throw err;
    process.stderr.write(`backfill: ${err.message}\n`);
    return 2;
  }
  const metrics =
    command.cmd === "run" && command.every && env.METRICS_PORT !== undefined
      ? await serveMetrics(backfill.registry, { port: env.METRICS_PORT, host: env.METRICS_HOST })
      : null;
  if (metrics) logger.info({ port: metrics.port }, "metrics listening");
  const stop = new AbortController();
  const done = backfill
    .run(command, {
      reporter: tty ? ttyReporter(process.stderr) : jsonReporter(process.stdout),
      signal: stop.signal,
      out: process.stdout,
    })
    .finally(async () => {
      await metrics?.close();
      await backfill.close();
    });
  const shutdown = onShutdown({
    logger,
    timeoutMs: env.SHUTDOWN_TIMEOUT_MS,
    what: "claiming nothing more, finishing the windows in flight",
    stop: async () => {
      stop.abort();
      return await done;
    },
  });
  try {
    return await done;
  } finally {
    // Ended by itself: the exit code is the command's (a signal's shutdown exits on its own).
    if (!shutdown.stopping) shutdown.dispose();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    // Reduced: a database error's own stack begins with its message, the statement's parameters.
    const e = safeError(err);
    process.stderr.write(`backfill: ${e.stack ?? `${e.name}: ${e.message}`}\n`);
    process.exitCode = 1;
  },
);
