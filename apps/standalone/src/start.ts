import { randomBytes } from "node:crypto";
import { serve } from "@hono/node-server";
import { type AdminToken, DASHBOARD_PATH } from "@wearables/admin";
import { composeAdmin } from "@wearables/admin/compose";
import { loadEnv as loadAdminEnv } from "@wearables/admin/env";
import { composeBackfill } from "@wearables/backfill/compose";
import { loadEnv as loadBackfillEnv } from "@wearables/backfill/env";
import { jsonReporter, type ProgressReporter, silentReporter } from "@wearables/backfill/progress";
import { loadIngestConfig } from "@wearables/ingest";
import { createLogger, type Logger, type LogLevel } from "@wearables/service-kit";
import { createDb, type Db, migrate } from "@wearables/storage";
import { createSandbox, type Sandbox } from "@wearables/terra-sandbox";
import { composeWebhook } from "@wearables/webhook/compose";
import { parseEnv as parseWebhookEnv } from "@wearables/webhook/env";
import type { DestinationStream } from "pino";

export interface StartOptions {
  /** The environment, as each app reads it (the apps' own schemas apply their defaults). */
  env: Record<string, string | undefined>;
  /** One logger per app, each with its own `service` (webhook, admin, backfill), and `wearables`. */
  log: { level: LogLevel; destination?: DestinationStream };
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
  /** build_info's version in the webhook's and the admin's /metrics. */
  version?: string;
  /** Process metrics in both /metrics (the entry point's choice; off in tests). */
  defaultMetrics?: boolean;
}

export interface Running {
  mode: "sandbox" | "terra";
  db: Db;
  /** `dashboard` is null when its files are not built (`pnpm --filter @wearables/dashboard build`). */
  urls: { webhook: string; admin: string; docs: string; dashboard: string | null; sandbox: string | null };
  sandbox: Sandbox | null;
  /** Resolves when the first backfill pass has finished (exit code as the command's). */
  firstPass: Promise<number>;
  /** The host process's own logger (`service: "wearables"`). */
  logger: Logger;
  /** How long stop() may take: the backfill's SHUTDOWN_TIMEOUT_MS, then the webhook's (one after the other). */
  shutdownTimeoutMs: number;
  stop(): Promise<void>;
}

function listen(
  app: { fetch: (req: Request) => Response | Promise<Response> },
  port: number,
  host: string,
  serverOptions?: { headersTimeout: number; requestTimeout: number; connectionsCheckingInterval: number },
) {
  return new Promise<{ server: ReturnType<typeof serve>; port: number }>((resolve) => {
    const server = serve(
      { fetch: app.fetch, port, hostname: host, ...(serverOptions ? { serverOptions } : {}) },
      (info) => resolve({ server, port: info.port }),
    );
  });
}

function closeServer(server: ReturnType<typeof serve>): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

/** Where the apps' settings must agree (one database, the sandbox's credentials, the tokens). */
function sharedEnv(o: StartOptions): Record<string, string | undefined> {
  // JSON: the one ADMIN_TOKENS form in which no token character needs escaping.
  return { ...o.env, ADMIN_TOKENS: JSON.stringify(o.adminTokens) };
}

/**
 * Runs the three apps in one process on one database, each composed exactly as its own entry
 * point composes it (composeWebhook, composeAdmin, composeBackfill) from the same environment.
 * Without TERRA_API_KEY it first starts the Terra sandbox and points the webhook secret, the
 * Terra client and the sandbox's webhook at each other, so data flows at once.
 */
export async function startAll(o: StartOptions): Promise<Running> {
  const sandboxMode = !o.env.TERRA_API_KEY;
  const env = sharedEnv(o);
  const display = o.host === "0.0.0.0" ? "127.0.0.1" : o.host;
  const logger = (service: string) =>
    createLogger({
      service,
      level: o.log.level,
      ...(o.log.destination ? { destination: o.log.destination } : {}),
    });
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
  const adminEnv = loadAdminEnv(env);
  if (!adminEnv.ok) throw new Error(adminEnv.message);
  const ingest = loadIngestConfig({
    dataTypes: webhookEnv.DATA_TYPES,
    fieldSelection: webhookEnv.FIELD_SELECTION,
    download: { timeoutMs: webhookEnv.S3_TIMEOUT_MS, retries: webhookEnv.S3_RETRIES },
    measurements: backfillEnv.MEASUREMENTS,
  });
  const db = await createDb(webhookEnv.DATABASE_URL, { poolSize: webhookEnv.DB_POOL_SIZE });
  await migrate(db);
  const shared = { db, ingest, version: o.version, defaultMetrics: o.defaultMetrics };

  const webhook = await composeWebhook(webhookEnv, { ...shared, logger: logger("webhook") });
  webhook.start();
  const admin = await composeAdmin(adminEnv.env, { ...shared, logger: logger("admin") });
  const backfill = await composeBackfill(backfillEnv, { ...shared, logger: logger("backfill") });
  const wh = await listen(webhook.service.app, o.webhookPort, o.host, webhook.serverOptions);
  const ad = await listen(admin.app, o.adminPort, o.host);

  if (sandbox) {
    // Live mode posts the seeded users' auth events, then new data as it "happens".
    const pushEveryMs = o.sandbox?.pushEveryMs ?? 5000;
    sandbox.live.start(pushEveryMs, { catchUpMs: 2 * 86_400_000, stepMs: 1_800_000 });
  }

  const host = logger("wearables");
  const stop = new AbortController();
  const io = {
    reporter: o.reporter ?? silentReporter,
    signal: stop.signal,
    out: { write: (s: string) => backfill.deps.logger.info(s.trim()) },
  };
  const firstPass = backfill.run({ cmd: "run" }, io);
  const scheduled = firstPass.then(() =>
    stop.signal.aborted ? 0 : backfill.run({ cmd: "run", every: o.backfillEvery }, io),
  );

  return {
    mode: sandboxMode ? "sandbox" : "terra",
    db,
    sandbox,
    logger: host,
    shutdownTimeoutMs: backfillEnv.SHUTDOWN_TIMEOUT_MS + webhookEnv.SHUTDOWN_TIMEOUT_MS,
    urls: {
      webhook: `http://${display}:${wh.port}/webhooks/terra`,
      admin: `http://${display}:${ad.port}`,
      docs: `http://${display}:${ad.port}/docs`,
      dashboard: admin.dashboardDir ? `http://${display}:${ad.port}${DASHBOARD_PATH}/` : null,
      sandbox: env.TERRA_API_URL && sandboxMode ? env.TERRA_API_URL : null,
    },
    firstPass,
    async stop() {
      sandbox?.live.stop();
      stop.abort();
      await Promise.allSettled([scheduled]);
      await Promise.all([closeServer(wh.server), closeServer(ad.server)]);
      await webhook.stop();
      await sandbox?.close();
      await db.close();
    },
  };
}

export { jsonReporter };
