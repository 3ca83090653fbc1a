// The admin API wired from its settings: the one place where environment values become
// components, used by src/index.ts and apps/standalone (`pnpm start`), so the two cannot drift.
import { type IngestConfig, loadIngestConfig } from "@wearables/ingest";
import type { Logger } from "@wearables/service-kit";
import { createDb, type Db, migrate } from "@wearables/storage";
import { createTerraClient } from "@wearables/terra-client";
import { type AdminApp, createApp } from "./app.ts";
import { resolveDashboardDir } from "./dashboard.ts";
import type { TerraPort } from "./deps.ts";
import type { Env } from "./env.ts";
import { notConfiguredTerra } from "./terra.ts";

export interface ComposedAdmin {
  app: AdminApp;
  db: Db;
  /** The dashboard's folder, or null when it is not served. */
  dashboardDir: string | null;
  /** What runs, for the start line (no secret: the number of tokens, not them). */
  summary: Record<string, unknown>;
  /** Closes the database if this composition opened it. */
  stop(): Promise<void>;
}

export async function composeAdmin(
  env: Env,
  opts: {
    logger: Logger;
    /** An open, migrated database to share (standalone); otherwise opened from DATABASE_URL and migrated. */
    db?: Db;
    ingest?: IngestConfig;
    version?: string;
    defaultMetrics?: boolean;
  },
): Promise<ComposedAdmin> {
  const ingest =
    opts.ingest ??
    loadIngestConfig({
      dataTypes: env.DATA_TYPES,
      fieldSelection: env.FIELD_SELECTION,
      measurements: env.MEASUREMENTS,
    });
  const ownDb = !opts.db;
  const db = opts.db ?? (await createDb(env.DATABASE_URL));
  if (ownDb) await migrate(db);
  const terra: TerraPort =
    env.TERRA_DEV_ID && env.TERRA_API_KEY
      ? createTerraClient({ devId: env.TERRA_DEV_ID, apiKey: env.TERRA_API_KEY, baseUrl: env.TERRA_API_URL })
      : notConfiguredTerra(opts.logger);
  const dashboardDir = resolveDashboardDir(env.DASHBOARD_DIR);
  const app = createApp({
    db,
    terra,
    logger: opts.logger,
    clock: { now: () => new Date() },
    tokens: env.ADMIN_TOKENS,
    ingest,
    pageMaxBytes: env.PAGE_MAX_BYTES,
    dashboardDir,
    version: opts.version,
    defaultMetrics: opts.defaultMetrics,
  });
  return {
    app,
    db,
    dashboardDir,
    // db.url is redacted by createDb (no userinfo password, no ?password=).
    summary: { tokenCount: env.ADMIN_TOKENS.length, db: db.url, dashboard: dashboardDir !== null },
    async stop() {
      if (ownDb) await db.close();
    },
  };
}
