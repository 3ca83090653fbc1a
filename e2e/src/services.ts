// One function per real process of the system, each configured by env only, on free ports.
import type { PassSummary } from "@wearables/backfill/progress";
import { type Proc, startProcess } from "./procs.ts";

export const SECRET = "e2e-webhook-secret-0123456789";
export const ADMIN_TOKEN = "e2e-admin-token-0123456789abcdef";
export const DEV_ID = "sandbox-dev";
export const API_KEY = "sandbox-api-key";
/** The four Withings types the sandbox generates; the apps are told to keep just these. */
export const TYPES = ["activity", "body", "daily", "sleep"] as const;
const DATA_TYPES = TYPES.join(",");

/** `packages/storage` migrations, as `pnpm db:migrate` runs them; resolves when they exited 0. */
export async function migrate(databaseUrl: string): Promise<void> {
  const p = startProcess("migrate", "packages/storage/src/cli/migrate.ts", { DATABASE_URL: databaseUrl });
  const code = await p.exited;
  if (code !== 0) throw new Error(`migrations exited ${code}\n${p.tail()}`);
}

export interface Service {
  proc: Proc;
  url: string;
}

export async function startWebhook(
  databaseUrl: string,
  extra: Record<string, string> = {},
): Promise<Service> {
  const proc = startProcess("webhook", "apps/webhook/src/index.ts", {
    DATABASE_URL: databaseUrl,
    TERRA_WEBHOOK_SECRET: SECRET,
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_TYPES,
    // The listening line (with the port) is logged at info.
    LOG_LEVEL: "info",
    ...extra,
  });
  const m = await proc.waitForOutput(/"port":(\d+)[^\n]*webhook listening/, 60_000);
  return { proc, url: `http://127.0.0.1:${m[1]}` };
}

export async function startAdmin(databaseUrl: string): Promise<Service> {
  const proc = startProcess("admin", "apps/admin/src/index.ts", {
    DATABASE_URL: databaseUrl,
    ADMIN_TOKENS: `e2e:read:${ADMIN_TOKEN}`,
    PORT: "0",
    DATA_TYPES,
    LOG_LEVEL: "info",
  });
  const m = await proc.waitForOutput(/"port":(\d+)[^\n]*admin listening/, 60_000);
  return { proc, url: `http://127.0.0.1:${m[1]}` };
}

export interface SandboxProc extends Service {
  /** The REST base (…/v2). */
  apiUrl: string;
  userIds: string[];
  /** When the process began its live stream (epoch ms): its catch-up starts from here. */
  startedAt: number;
}

export async function startSandbox(opts: {
  webhookUrl: string;
  users: number;
  seed: string;
  pushEveryMs: number;
}): Promise<SandboxProc> {
  const proc = startProcess("terra-sandbox", "packages/terra-sandbox/src/cli.ts", {
    SANDBOX_PORT: "0",
    SANDBOX_DEV_ID: DEV_ID,
    SANDBOX_API_KEY: API_KEY,
    SANDBOX_WEBHOOK_URL: `${opts.webhookUrl}/webhooks/terra`,
    SANDBOX_WEBHOOK_SECRET: SECRET,
    SANDBOX_USERS: String(opts.users),
    SANDBOX_SEED: opts.seed,
    SANDBOX_PUSH_EVERY: `${opts.pushEveryMs}ms`,
  });
  const m = await proc.waitForOutput(/^\{[^\n]*"terra sandbox listening"[^\n]*\}$/m, 60_000);
  const startedAt = Date.now();
  const line = JSON.parse(m[0]) as { baseUrl: string; users: { user_id: string }[] };
  return {
    proc,
    url: line.baseUrl.replace(/\/v2$/, ""),
    apiUrl: line.baseUrl,
    userIds: line.users.map((u) => u.user_id),
    startedAt,
  };
}

/** The JSON line `backfill run` prints at the end of a pass (its own type, so drift fails typecheck). */
export type BackfillSummary = PassSummary;

/** One pass, as cron runs it: `backfill run`, which must exit 0 and print its JSON summary line. */
export async function runBackfill(
  databaseUrl: string,
  apiUrl: string,
  extra: Record<string, string> = {},
): Promise<BackfillSummary> {
  const proc = startProcess(
    "backfill",
    "apps/backfill/src/index.ts",
    {
      DATABASE_URL: databaseUrl,
      TERRA_API_URL: apiUrl,
      TERRA_DEV_ID: DEV_ID,
      TERRA_API_KEY: API_KEY,
      DATA_TYPES,
      LOG_LEVEL: "warn",
      ...extra,
    },
    ["run"],
  );
  const code = await Promise.race([
    proc.exited,
    new Promise<"timeout">((r) => setTimeout(() => r("timeout"), 90_000).unref()),
  ]);
  if (code === "timeout") {
    await proc.stop("SIGKILL");
    throw new Error(`backfill run did not exit within 90 s\n${proc.tail()}`);
  }
  if (code !== 0) throw new Error(`backfill run exited ${code}\n${proc.tail()}`);
  const line = proc.stdout.split("\n").find((l) => l.includes('"backfill pass"'));
  if (!line) throw new Error(`backfill run printed no summary line\n${proc.tail()}`);
  return JSON.parse(line) as BackfillSummary;
}
