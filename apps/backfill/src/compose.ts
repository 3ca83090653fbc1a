// The backfill wired from its settings: the one place where environment values become
// components, used by src/index.ts (the command) and apps/standalone (`pnpm start`), so the two
// cannot drift apart.
import { type IngestConfig, loadIngestConfig } from "@wearables/ingest";
import type { DataType } from "@wearables/schemas";
import type { Logger } from "@wearables/service-kit";
import { createRegistry } from "@wearables/service-kit/metrics";
import { createDb, type Db, migrate, migrationsCurrent } from "@wearables/storage";
import { createTerraClient, type TerraClient } from "@wearables/terra-client";
import { Counter, type Registry } from "prom-client";
import type { Command } from "./cli.ts";
import { type Clock, systemClock } from "./clock.ts";
import { runCommand } from "./commands.ts";
import { configFromEnv, type WorkerConfig } from "./config.ts";
import type { WorkerDeps } from "./deps.ts";
import type { Env } from "./env.ts";
import type { ProgressReporter } from "./progress.ts";

/** A setting the command cannot run with (exit code 2, like a bad environment). */
export class SetupError extends Error {}

export interface ComposedBackfill {
  deps: WorkerDeps;
  cfg: WorkerConfig;
  ingest: IngestConfig;
  /** This process's metrics: build_info, the default metrics, passes by result. */
  registry: Registry;
  /** Runs one parsed command; resolves with the process exit code. */
  run(
    command: Command,
    io: { reporter: ProgressReporter; signal: AbortSignal; out: { write(s: string): unknown } },
  ): Promise<number>;
  /** Closes the database if this composition opened it. */
  close(): Promise<void>;
}

export async function composeBackfill(
  env: Env,
  opts: {
    logger: Logger;
    /** An open, migrated database to share (standalone); otherwise opened from DATABASE_URL. */
    db?: Db;
    ingest?: IngestConfig;
    terra?: TerraClient;
    clock?: Clock;
    version?: string;
    defaultMetrics?: boolean;
  },
): Promise<ComposedBackfill> {
  let ingest: IngestConfig;
  try {
    ingest =
      opts.ingest ??
      loadIngestConfig({
        dataTypes: env.DATA_TYPES,
        fieldSelection: env.FIELD_SELECTION,
        measurements: env.MEASUREMENTS,
      });
  } catch (err) {
    throw new SetupError((err as Error).message);
  }
  const clock = opts.clock ?? systemClock;
  const ownDb = !opts.db;
  const db = opts.db ?? (await createDb(env.DATABASE_URL));
  if (ownDb && !(await migrationsCurrent(db))) {
    if (db.kind !== "pglite") {
      await db.close();
      throw new SetupError("the database schema is not current; run `pnpm db:migrate` first");
    }
    // The embedded database belongs to this process: bring it up to date like `pnpm start` does.
    await migrate(db);
  }
  const terra =
    opts.terra ??
    createTerraClient({
      devId: env.TERRA_DEV_ID,
      apiKey: env.TERRA_API_KEY,
      baseUrl: env.TERRA_API_URL,
      timeoutMs: env.REQUEST_TIMEOUT_MS,
      clock,
    });
  const deps: WorkerDeps = { db, terra, logger: opts.logger, clock };
  const cfg = configFromEnv(env, [...ingest.dataTypes] as DataType[]);
  const registry = createRegistry({
    service: "backfill",
    version: opts.version,
    defaultMetrics: opts.defaultMetrics,
  });
  const passes = new Counter({
    name: "wearables_backfill_passes_total",
    help: "Passes this process finished, by result (ok, failed). Across runs: the admin app's wearables_backfill_* from the database.",
    labelNames: ["result"],
    registers: [registry],
  });
  return {
    deps,
    cfg,
    ingest,
    registry,
    run: (command, io) =>
      runCommand(command, {
        deps,
        cfg,
        ingest,
        signal: io.signal,
        out: io.out,
        reporter: {
          update: (state) => io.reporter.update(state),
          finish(summary) {
            passes.inc({ result: summary.ok ? "ok" : "failed" });
            io.reporter.finish(summary);
          },
        },
      }),
    close: async () => {
      if (ownDb) await db.close();
    },
  };
}
