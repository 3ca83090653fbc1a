// `pnpm check:apps`: every compiled app deployed as its image ships it, then started (src/smoke.ts)
// on this Node; with SMOKE_NODE=/path/to/node (CI: the images' major), the apps that have an image
// are started on that Node as well, from the same deployed folders.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deploy, freePort, runCommand, SMOKE_APPS, smokeServer } from "../smoke.ts";

const root = join(import.meta.dirname, "..", "..", "..");
const version = (node: string) => execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
const tmp = mkdtempSync(join(tmpdir(), "check-apps-"));
const env = { DATABASE_URL: "pglite://memory", LOG_LEVEL: "warn" };
let passed = 0;
let failed = 0;

async function backfill(node: string, dir: string): Promise<void> {
  const help = runCommand(node, dir, ["--help"], {});
  if (!help.includes("usage: backfill")) throw new Error(`--help printed no usage:\n${help}`);
  // One pass against the Terra sandbox (run from source: it is a development tool).
  const port = await freePort();
  const sandbox = spawn(process.execPath, ["--import", "tsx", "src/cli.ts"], {
    cwd: join(root, "packages", "terra-sandbox"),
    env: { ...process.env, SANDBOX_PORT: String(port), SANDBOX_USERS: "2" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      sandbox.stdout!.on("data", (d) => String(d).includes("listening") && resolve());
      sandbox.once("exit", (code) => reject(new Error(`sandbox exited ${code}`)));
    });
    const out = runCommand(node, dir, ["run"], {
      ...env,
      DATABASE_URL: `pglite://${join(tmp, `backfill-db-${version(node)}`)}`,
      TERRA_API_URL: `http://127.0.0.1:${port}/v2`,
      TERRA_API_KEY: "sandbox-api-key",
      TERRA_DEV_ID: "sandbox-dev",
      HISTORY_DAYS: "7",
    });
    const line = out.split("\n").find((l) => l.includes('"backfill pass"'));
    const summary = line ? (JSON.parse(line) as { ok: boolean; documents: { inserted: number } }) : null;
    if (!summary?.ok || summary.documents.inserted === 0) {
      throw new Error(`the pass did not store documents:\n${out}`);
    }
  } finally {
    sandbox.kill("SIGTERM");
  }
}

async function check(label: string, run: () => Promise<void>): Promise<boolean> {
  const t0 = Date.now();
  try {
    await run();
    passed++;
    console.log(`  ok    ${label} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    return true;
  } catch (err) {
    failed++;
    console.log(`  FAIL  ${label}: ${(err as Error).message}`);
    return false;
  }
}

function start(node: string, name: string, dir: string): Promise<void> {
  const app = SMOKE_APPS[name]!;
  return app.kind === "server" ? smokeServer(node, dir, app, env) : backfill(node, dir);
}

const nodes = [process.execPath, process.env.SMOKE_NODE].filter((n): n is string => Boolean(n));
console.log(`compiled apps on node ${nodes.map(version).join(" and ")}`);
try {
  for (const name of Object.keys(SMOKE_APPS)) {
    const dir = join(tmp, name);
    const deployed = await check(`${name}: deployed as its image ships it`, async () => {
      if (!existsSync(join(root, "apps", name, "dist", "index.js")))
        throw new Error("not built: run pnpm build");
      deploy(root, name, dir);
      // No workspace package and no tsx: only the bundle and its third-party dependencies.
      for (const absent of ["node_modules/@wearables", "node_modules/tsx", "src"]) {
        if (existsSync(join(dir, absent))) throw new Error(`the deployed app holds ${absent}`);
      }
    });
    if (!deployed) continue;
    // An app without an image (standalone: pnpm start's process) runs on this Node only.
    const image = existsSync(join(root, "apps", name, "Dockerfile"));
    for (const node of image ? nodes : nodes.slice(0, 1)) {
      await check(`${name} on node ${version(node)}`, () => start(node, name, dir));
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
