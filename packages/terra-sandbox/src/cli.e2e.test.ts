import { type ChildProcess, spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const pkg = join(dirname(fileURLToPath(import.meta.url)), "..");
const children: ChildProcess[] = [];

function run(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts"], {
    cwd: pkg,
    env: { PATH: process.env.PATH ?? "", ...env },
  });
  children.push(child);
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (b) => (stdout += b));
  child.stderr.on("data", (b) => (stderr += b));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { child, exited, out: () => stdout, err: () => stderr };
}

afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill();
});

describe("terra-sandbox command", { timeout: 30_000 }, () => {
  it("fails fast with a clear message on invalid configuration", async () => {
    const p = run({ SANDBOX_PORT: "not-a-port", SANDBOX_WEBHOOK_URL: "http://x.test/hook" });
    expect(await p.exited).toBe(2);
    expect(p.err()).toContain("SANDBOX_PORT");
    expect(p.err()).not.toContain("at ");
  });

  it("starts, prints its base URL and serves Terra's API", async () => {
    const p = run({ SANDBOX_PORT: "0", SANDBOX_DEV_ID: "d", SANDBOX_API_KEY: "k", SANDBOX_USERS: "2" });
    const line = await new Promise<string>((resolve, reject) => {
      p.child.stdout!.on("data", () => {
        const first = p.out().split("\n")[0];
        if (first && p.out().includes("\n")) resolve(first);
      });
      p.exited.then((code) => reject(new Error(`exited ${code}: ${p.err()}`)));
    });
    const info = JSON.parse(line) as { baseUrl: string; users: { user_id: string }[] };
    expect(info.users).toHaveLength(2);
    const res = await fetch(`${info.baseUrl}/userInfo?user_id=${info.users[0]!.user_id}`, {
      headers: { "dev-id": "d", "x-api-key": "k" },
    });
    expect(res.status).toBe(200);
  });
});
