// Does each compiled app start? Each app is deployed as its image ships it (`pnpm deploy --prod`:
// dist/ and the third-party production dependencies, no workspace sources, no tsx) into a temp
// folder, then started with the node flags of its `start` script: a server until /healthz and
// /readyz answer and SIGTERM stops it with exit 0; the backfill with --help and one pass against
// the Terra sandbox. CI runs it on Node 20 and, for the apps with an image, on the images' Node
// (`pnpm check:apps`).
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";

export interface SmokeApp {
  /** A server answers /healthz and /readyz on the port in `env[portVar]`; a command runs `args`. */
  kind: "server" | "command";
  env: Record<string, string>;
  portVar?: string;
  /** Further variables that name a port, each given a free one. */
  ports?: string[];
  /** After /readyz: what the compiled app must also do (a server's real work, not just its start). */
  probe?: (port: number) => Promise<void>;
}

/**
 * The compiled webhook takes a signed delivery and processes it behind the inbox: the prepare
 * pool's worker thread (dist/parse-worker.js beside the bundle) parsed it, or it would not count.
 */
async function webhookProbe(port: number): Promise<void> {
  const body = JSON.stringify({
    type: "healthcheck",
    status: "normal",
    creation_timestamp: "2026-01-01 00:00:00+00:00",
  });
  const t = Math.floor(Date.now() / 1000);
  const v1 = createHmac("sha256", "smoke-webhook-secret").update(`${t}.${body}`).digest("hex");
  const res = await fetch(`http://127.0.0.1:${port}/webhooks/terra`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-terra-signature": `t=${t},v1=${v1}` },
    body,
  });
  if (res.status !== 200) throw new Error(`a signed delivery got ${res.status}: ${await res.text()}`);
  await until("the delivery processed", 30_000, async () => {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    return /wearables_events_processed_total\{type="healthcheck",status="processed"\} 1\b/.test(text);
  });
}

/** Every app with a build, and how to start it. A new app adds a line (a test checks). */
export const SMOKE_APPS: Record<string, SmokeApp> = {
  webhook: {
    kind: "server",
    portVar: "PORT",
    env: { TERRA_WEBHOOK_SECRET: "smoke-webhook-secret" },
    probe: webhookProbe,
  },
  admin: {
    kind: "server",
    portVar: "PORT",
    env: { ADMIN_TOKENS: "smoke:admin:smoke-admin-token-0123456789" },
  },
  backfill: { kind: "command", env: {} },
  // pnpm start's process, compiled: its webhook port answers /healthz and /readyz like the webhook's.
  standalone: {
    kind: "server",
    portVar: "PORT",
    ports: ["ADMIN_PORT", "SANDBOX_PORT"],
    env: { SANDBOX_USERS: "1", BACKFILL_EVERY: "0 0 1 1 *" },
  },
};

/** The node flags and entry of a `start` script such as `node --max-semi-space-size=4 dist/index.js run`. */
export function startCommand(script: string): { flags: string[]; entry: string } {
  const words = script.split(/\s+/);
  const at = words.findIndex((w) => /^dist\/.+\.js$/.test(w));
  if (words[0] !== "node" || at < 1) throw new Error(`start script does not run node dist/…: ${script}`);
  return { flags: words.slice(1, at), entry: words[at]! };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** `pnpm deploy --prod` of one app into `dir`, as its Dockerfile does. */
export function deploy(root: string, app: string, dir: string): void {
  execFileSync("pnpm", ["--filter", `@wearables/${app}`, "deploy", "--prod", "--prefer-offline", dir], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
}

const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once("exit", (code) => resolve(code));
  });

async function until(what: string, deadlineMs: number, probe: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!(await probe())) {
    if (Date.now() > end) throw new Error(`${what}: no answer in ${deadlineMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const get = (url: string) =>
  fetch(url, { headers: { connection: "close" } }).then(
    (r) => r.status,
    () => 0,
  );

/** Starts a deployed server, waits for /healthz and /readyz, stops it with SIGTERM; returns its log on failure. */
export async function smokeServer(node: string, dir: string, app: SmokeApp, env: Record<string, string>) {
  const { flags, entry } = startCommand(readPackageStart(dir));
  const port = await freePort();
  const more: Record<string, string> = {};
  for (const name of app.ports ?? []) more[name] = String(await freePort());
  const child = spawn(node, [...flags, entry], {
    cwd: dir,
    env: { ...process.env, ...env, ...app.env, ...more, [app.portVar!]: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  child.stdout!.on("data", (d) => (log += d));
  child.stderr!.on("data", (d) => (log += d));
  try {
    const alive = async () =>
      child.exitCode === null || Promise.reject(new Error(`exited ${child.exitCode}`));
    await until(
      "/healthz",
      90_000,
      async () => (await alive()) && (await get(`http://127.0.0.1:${port}/healthz`)) === 200,
    );
    await until(
      "/readyz",
      30_000,
      async () => (await alive()) && (await get(`http://127.0.0.1:${port}/readyz`)) === 200,
    );
    await app.probe?.(port);
    child.kill("SIGTERM");
    const code = await Promise.race([
      exited(child),
      new Promise<string>((r) => setTimeout(() => r("timeout"), 20_000)),
    ]);
    if (code !== 0) throw new Error(`SIGTERM: exit ${code}`);
  } catch (err) {
    child.kill("SIGKILL");
    throw new Error(`${(err as Error).message}\n${log.slice(-4000)}`);
  }
}

function readPackageStart(dir: string): string {
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { scripts?: { start?: string } };
  if (!pkg.scripts?.start) throw new Error(`${dir}/package.json has no start script`);
  return pkg.scripts.start;
}

/** Runs a deployed command with the flags of its start script and `args`; resolves with stdout. */
export function runCommand(node: string, dir: string, args: string[], env: Record<string, string>): string {
  const { flags, entry } = startCommand(readPackageStart(dir));
  return execFileSync(node, [...flags, entry, ...args], {
    cwd: dir,
    env: { ...process.env, ...env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    timeout: 180_000,
  });
}
