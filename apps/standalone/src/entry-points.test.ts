// Every entry point refuses a bad environment the same way: exit code 2, one message on stderr
// naming every bad variable, never a value (the service kit's parseEnv), before opening anything.
import { spawn, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const apps = fileURLToPath(new URL("../../", import.meta.url));
const SECRET = "s3cr3t-value-never-printed";

function run(entry: string, args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, ["--import", "tsx", `${apps}${entry}`, ...args], {
    cwd: apps,
    // Nothing of the test's own environment: only what the case sets.
    env: { PATH: process.env.PATH ?? "", ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status, stderr: r.stderr, stdout: r.stdout };
}

describe("a bad environment", () => {
  it.each([
    [
      "the webhook",
      "webhook/src/index.ts",
      [],
      { PORT: SECRET, LOG_LEVEL: "loud" },
      ["TERRA_WEBHOOK_SECRET", "PORT", "LOG_LEVEL"],
    ],
    ["the processor", "webhook/src/processor.ts", [], { QUEUE_MAX: SECRET }, ["QUEUE_MAX"]],
    [
      "the admin API",
      "admin/src/index.ts",
      [],
      { ADMIN_TOKENS: `ops:root:${SECRET}`, SHUTDOWN_TIMEOUT_MS: "soon" },
      ["ADMIN_TOKENS", "SHUTDOWN_TIMEOUT_MS"],
    ],
    [
      "the backfill",
      "backfill/src/index.ts",
      ["run"],
      { TERRA_API_KEY: SECRET, METRICS_PORT: "x" },
      ["TERRA_DEV_ID", "METRICS_PORT"],
    ],
    [
      "pnpm start",
      "standalone/src/index.ts",
      [],
      { TERRA_API_KEY: SECRET, ADMIN_PORT: "0" },
      ["ADMIN_PORT", "TERRA_WEBHOOK_SECRET"],
    ],
  ] as const)(
    "stops %s with exit 2 and one message naming every bad variable, never a value",
    (_name, entry, args, env, named) => {
      const r = run(entry, [...args], env);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(/^invalid environment for [^\n]+:\n/);
      for (const variable of named) expect(r.stderr).toMatch(new RegExp(`^ {2}${variable}: `, "m"));
      expect(r.stderr).not.toContain(SECRET);
      expect(r.stderr).not.toContain("loud");
      expect(r.stdout).toBe("");
    },
    60_000,
  );
});

describe("SIGTERM", () => {
  it("stops the admin API with a shutting-down line, a stopped line and exit 0", async () => {
    const child = spawn(process.execPath, ["--import", "tsx", `${apps}admin/src/index.ts`], {
      cwd: apps,
      env: {
        PATH: process.env.PATH ?? "",
        DATABASE_URL: "pglite://memory",
        ADMIN_TOKENS: "ops:admin:entry-point-test-token-0123",
        DASHBOARD_DIR: "off",
        PORT: "0",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    // "close", not "exit": the child's last lines may still be in the pipe when it has exited.
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    await expect.poll(() => out.includes("admin listening"), { timeout: 60_000 }).toBe(true);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    const lines = out
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as { service: string; msg: string; signal?: string; timeoutMs?: number });
    const stopping = lines.find((l) => l.msg.startsWith("shutting down"));
    expect(stopping).toMatchObject({ service: "admin", signal: "SIGTERM", timeoutMs: 10_000 });
    expect(lines.at(-1)).toMatchObject({ service: "admin", msg: "stopped" });
  }, 90_000);
});
