import { randomBytes } from "node:crypto";
import { serve } from "@hono/node-server";
import { type AdminToken, createApp as createAdminApp } from "@wearables/admin";
import { systemClock } from "@wearables/backfill/clock";
import { runCommand } from "@wearables/backfill/commands";
import { configFromEnv } from "@wearables/backfill/config";
import { loadEnv as loadBackfillEnv } from "@wearables/backfill/env";
import { jsonReporter, type ProgressReporter, silentReporter } from "@wearables/backfill/progress";
import { loadIngestConfig } from "@wearables/ingest";
import { createDb, type Db, migrate } from "@wearables/storage";
import { createTerraClient } from "@wearables/terra-client";
import { createSandbox, type Sandbox } from "@wearables/terra-sandbox";
import { createApp as createWebhookApp } from "@wearables/webhook";
import { parseEnv as parseWebhookEnv } from "@wearables/webhook/env";
import { startRetention } from "@wearables/webhook/retention";
import type { Logger } from "pino";

export interface StartOptions {
  /** The environment, as each app reads it (the apps' own schemas apply their defaults). */
  env: Record<string, string | undefined>;
  logger: Logger;
  webhookPort: number;
  adminPort: number;
  sandboxPort: number;
  host: string;
  adminTokens: AdminToken[];
  /** Cron expression of the backfill schedule; a first pass also runs at start. */
  backfillEvery: string;
  /** Backfill progress: one JSON line per pass by default. */
  reporter?: ProgressReporter;
  sandbox?: { users: number; seed: string; pushEveryMs: number };
}

export interface Running {
  mode: "sandbox" | "terra";
  db: Db;
  urls: { webhook: string; admin: string; docs: string; sandbox: string | null };
  sandbox: Sandbox | null;
  /** Resolves when the first backfill pass has finished (exit code as the command's). */
  firstPass: Promise<number>;
  stop(): Promise<void>;
}

function listen(app: { fetch: (req: Request) => Response | Promise<Response> }, port: number, host: string) {
  return new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve) => {
    const server = serve({ fetch: app.fetch, port, hostname: host }, (info) =>
      resolve({ server, port: info.port }),
    );
  });
}

function closeServer(server: ReturnType<typeof serve>): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * Runs the three apps in one process on one database. Without TERRA_API_KEY it first starts the
 * Terra sandbox and points the webhook secret, the Terra client and the sandbox's webhook at each
 * other, so data flows at once.
 */
export async function startAll(o: StartOptions): Promise<Running> {
  const sandboxMode = !o.env.TERRA_API_KEY;
  const env = { ...o.env };
  const display = o.host === "0.0.0.0" ? "127.0.0.1" : o.host;
  let sandbox: Sandbox | null = null;
  if (sandboxMode) {
    const s = o.sandbox ?? { users: 3, seed: "demo", pushEveryMs: 5000 };
    env.TERRA_DEV_ID = "sandbox-dev";
    env.TERRA_API_KEY = randomBytes(16).toString("hex");
    env.TERRA_WEBHOOK_SECRET = env.TERRA_WEBHOOK_SECRET || randomBytes(24).toString("hex");
    sandbox = createSandbox({
      devId: env.TERRA_DEV_ID,
      apiKey: env.TERRA_API_KEY,
      // Ports are fixed up front (the sender needs the webhook's URL before it listens).
      webhookUrl: `http://${display}:${o.webhookPort}/webhooks/terra`,
      webhookSecret: env.TERRA_WEBHOOK_SECRET,
      users: s.users,
      seed: s.seed,
    });
    const { url } = await sandbox.listen(o.sandboxPort, "127.0.0.1");
    env.TERRA_API_URL = `${url}/v2`;
  }
  const webhookEnv = parseWebhookEnv(env);
  const backfillEnv = loadBackfillEnv(env);
  const ingest = loadIngestConfig({
    dataTypes: webhookEnv.DATA_TYPES,
    fieldSelection: webhookEnv.FIELD_SELECTION,
    download: { timeoutMs: webhookEnv.S3_TIMEOUT_MS, retries: webhookEnv.S3_RETRIES },
    measurements: backfillEnv.MEASUREMENTS,
  });
  const db = await createDb(webhookEnv.DATABASE_URL, { poolSize: webhookEnv.DB_POOL_SIZE });
  await migrate(db);
  const terra = createTerraClient({
    devId: backfillEnv.TERRA_DEV_ID,
    apiKey: backfillEnv.TERRA_API_KEY,
    baseUrl: backfillEnv.TERRA_API_URL,
    timeoutMs: backfillEnv.REQUEST_TIMEOUT_MS,
    clock: systemClock,
  });

  const webhook = createWebhookApp({
    db,
    ingest,
    secrets: webhookEnv.TERRA_WEBHOOK_SECRET,
    toleranceSeconds: webhookEnv.SIGNATURE_TOLERANCE_SECONDS,
    bodyLimit: webhookEnv.WEBHOOK_BODY_LIMIT,
    batch: { concurrency: db.kind === "pglite" ? 1 : Math.min(4, webhookEnv.DB_POOL_SIZE) },
    logger: o.logger.child({ app: "webhook" }),
  });
  const stopRetention = startRetention({
    db,
    logger: o.logger.child({ app: "retention" }),
    rawRetentionDays: webhookEnv.RAW_RETENTION_DAYS,
    dedupRetentionDays: webhookEnv.DEDUP_RETENTION_DAYS,
    intervalMs: webhookEnv.RETENTION_INTERVAL_MINUTES * 60_000,
  });
  const admin = createAdminApp({
    db,
    terra,
    logger: o.logger.child({ app: "admin" }),
    clock: { now: () => new Date() },
    tokens: o.adminTokens,
    ingest,
  });
  const wh = await listen(webhook.app, o.webhookPort, o.host);
  const ad = await listen(admin, o.adminPort, o.host);

  if (sandbox) {
    // Live mode posts the seeded users' auth events, then new data as it "happens".
    const pushEveryMs = o.sandbox?.pushEveryMs ?? 5000;
    sandbox.live.start(pushEveryMs, { catchUpMs: 2 * 86_400_000, stepMs: 1_800_000 });
  }

  const stop = new AbortController();
  const ctx = {
    deps: { db, terra, logger: o.logger.child({ app: "backfill" }), clock: systemClock },
    cfg: configFromEnv(backfillEnv, [...ingest.dataTypes]),
    ingest,
    reporter: o.reporter ?? silentReporter,
    signal: stop.signal,
    out: { write: (s: string) => o.logger.info({ app: "backfill" }, s.trim()) },
  };
  const firstPass = runCommand({ cmd: "run" }, ctx);
  const scheduled = firstPass.then(() =>
    stop.signal.aborted ? 0 : runCommand({ cmd: "run", every: o.backfillEvery }, ctx),
  );

  return {
    mode: sandboxMode ? "sandbox" : "terra",
    db,
    sandbox,
    urls: {
      webhook: `http://${display}:${wh.port}/webhooks/terra`,
      admin: `http://${display}:${ad.port}`,
      docs: `http://${display}:${ad.port}/docs`,
      sandbox: env.TERRA_API_URL && sandboxMode ? env.TERRA_API_URL : null,
    },
    firstPass,
    async stop() {
      sandbox?.live.stop();
      stop.abort();
      await Promise.allSettled([scheduled]);
      await Promise.all([closeServer(wh.server), closeServer(ad.server)]);
      await webhook.drain();
      await stopRetention();
      await sandbox?.close();
      await db.close();
    },
  };
}

export { jsonReporter };
