#!/usr/bin/env tsx
/**
 * `backfill` command: the only file that reads env. It builds { db, terra, logger, clock } and hands
 * them to the commands, which know nothing of process.env.
 */
import { loadIngestConfig } from "@wearables/ingest";
import { createDb, migrate, migrationsCurrent } from "@wearables/storage";
import { createTerraClient } from "@wearables/terra-client";
import pino from "pino";
import { parseCommand, USAGE, UsageError } from "./cli.ts";
import { systemClock } from "./clock.ts";
import { runCommand } from "./commands.ts";
import { configFromEnv } from "./config.ts";
import { loadEnv } from "./env.ts";
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
  let env: ReturnType<typeof loadEnv>;
  let ingest: ReturnType<typeof loadIngestConfig>;
  try {
    env = loadEnv();
    ingest = loadIngestConfig({
      dataTypes: env.DATA_TYPES,
      fieldSelection: env.FIELD_SELECTION,
      measurements: env.MEASUREMENTS,
    });
  } catch (err) {
    process.stderr.write(`backfill: ${(err as Error).message}\n`);
    return 2;
  }
  const tty = Boolean(process.stderr.isTTY);
  // On a terminal, info lines would tear the progress bar: warnings only unless asked otherwise.
  const level = tty && !process.env.LOG_LEVEL ? "warn" : env.LOG_LEVEL;
  const logger = pino({ level, base: { app: "backfill" } }, pino.destination(2));
  const db = await createDb(env.DATABASE_URL);
  try {
    if (!(await migrationsCurrent(db))) {
      if (db.kind !== "pglite") {
        process.stderr.write("backfill: the database schema is not current; run `pnpm db:migrate` first\n");
        return 2;
      }
      // The embedded database belongs to this process: bring it up to date like `pnpm start` does.
      await migrate(db);
    }
    const terra = createTerraClient({
      devId: env.TERRA_DEV_ID,
      apiKey: env.TERRA_API_KEY,
      baseUrl: env.TERRA_API_URL,
      timeoutMs: env.REQUEST_TIMEOUT_MS,
      clock: systemClock,
    });
    const deps = { db, terra, logger, clock: systemClock };
    const cfg = configFromEnv(env, [...ingest.dataTypes]);
    const reporter = tty ? ttyReporter(process.stderr) : jsonReporter(process.stdout);
    const stop = new AbortController();
    const onSignal = (sig: string) => {
      logger.warn({ signal: sig }, "stopping: finishing the windows in flight");
      stop.abort();
    };
    process.once("SIGTERM", () => onSignal("SIGTERM"));
    process.once("SIGINT", () => onSignal("SIGINT"));
    return await runCommand(command, {
      deps,
      cfg,
      ingest,
      reporter,
      signal: stop.signal,
      out: process.stdout,
    });
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`backfill: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
