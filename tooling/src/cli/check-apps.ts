// `pnpm check:apps`: every compiled app deployed as its image ships it, then started (src/smoke.ts).
// SMOKE_NODE=/path/to/node runs them on another Node (CI: the images' major) than this one.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deploy, freePort, runCommand, SMOKE_APPS, smokeServer } from "../smoke.ts";

const root = join(import.meta.dirname, "..", "..", "..");
const node = process.env.SMOKE_NODE || process.execPath;
const version = execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
const tmp = mkdtempSync(join(tmpdir(), "check-apps-"));
const env = { DATABASE_URL: "pglite://memory", LOG_LEVEL: "warn" };
let passed = 0;
let failed = 0;

async function backfill(dir: string): Promise<void> {
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
      DATABASE_URL: `pglite://${join(tmp, "backfill-db")}`,
      TERRA_API_URL: `http://127.0.0.1:${port}/v2`,
      TERRA_API_KEY: "sandbox-api-key",
      TERRA_DEV_ID: "sandbox-dev",
      HISTORY_DAYS: "7",
    });
    const line = out.split("\n").find((l) => l.includes('"backfill pass"'));
    const summary = line ? (JSON.parse(line) as { ok: boolean; documents: { inserted: number } }) : null;
    if (!summary?.ok || summary.documents.inserted === 0)
      throw new Error(`the pass did not store documents:\n${out}`);
  } finally {
    sandbox.kill("SIGTERM");
  }
}

console.log(`compiled apps on node ${version}`);
try {
  for (const [name, app] of Object.entries(SMOKE_APPS)) {
    const dir = join(tmp, name);
    const t0 = Date.now();
    try {
      if (!existsSync(join(root, "apps", name, "dist", "index.js")))
        throw new Error("not built: run pnpm build");
      deploy(root, name, dir);
      // What the image ships: no workspace package and no tsx, only the bundle's dependencies.
      for (const absent of ["node_modules/@wearables", "node_modules/tsx", "src"]) {
        if (existsSync(join(dir, absent))) throw new Error(`the deployed app holds ${absent}`);
      }
      if (app.kind === "server") await smokeServer(node, dir, app, env);
      else await backfill(dir);
      passed++;
      console.log(`  ok    ${name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    } catch (err) {
      failed++;
      console.log(`  FAIL  ${name}: ${(err as Error).message}`);
    }
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
