import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { DataType } from "@wearables/schemas";
import { createDb, listGaps } from "@wearables/storage";
import { createSandbox, type Sandbox } from "@wearables/terra-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dayOf } from "./dates.ts";
import { horizonRange } from "./planner.ts";
import { expectedKeys, storedKeys } from "./test-harness.ts";

/**
 * End to end: the real CLI as a child process on a PGlite directory, against a sandbox slowed down
 * so that the first run is killed (SIGKILL) in the middle of its windows.
 */
const appDir = join(dirname(fileURLToPath(import.meta.url)), "..");
const TYPES: DataType[] = ["body", "daily"];
const HISTORY_DAYS = 90;

/** Serves the sandbox's Hono app with a delay per data request (GET only: all the worker sends). */
function slowServer(sandbox: Sandbox, delayMs: number): Promise<Server> {
  const server = createServer((req, res) => {
    const slow = /\/(body|daily)\?/.test(req.url ?? "");
    setTimeout(
      async () => {
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
        const r = await sandbox.app.fetch(
          new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers }),
        );
        res.writeHead(r.status, Object.fromEntries(r.headers));
        res.end(Buffer.from(await r.arrayBuffer()));
      },
      slow ? delayMs : 0,
    );
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function runCli(env: Record<string, string>): { done: Promise<number | null>; kill(): void } {
  const child = spawn(process.execPath, ["--import", "tsx", "src/index.ts", "run"], {
    cwd: appDir,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += String(d);
  });
  const done = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      if (code !== 0 && code !== null) console.error(stderr.slice(-2000));
      resolve(code);
    }),
  );
  return { done, kill: () => child.kill("SIGKILL") };
}

describe("a run killed with SIGKILL", () => {
  let sandbox: Sandbox;
  let server: Server;
  let dir: string;
  let env: Record<string, string>;

  beforeAll(async () => {
    sandbox = createSandbox({ devId: "dev-kill", apiKey: "key-kill", users: 2, seed: "kill" });
    server = await slowServer(sandbox, 250);
    dir = mkdtempSync(join(tmpdir(), "backfill-kill-"));
    env = {
      DATABASE_URL: `pglite://${dir}`,
      TERRA_API_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2`,
      TERRA_DEV_ID: "dev-kill",
      TERRA_API_KEY: "key-kill",
      DATA_TYPES: TYPES.join(","),
      HISTORY_DAYS: String(HISTORY_DAYS),
      LEASE_SECONDS: "2",
      CONCURRENCY: "2",
      CLAIM_BATCH: "4",
      LOG_LEVEL: "warn",
    };
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
  });

  it("and a new run finish with no duplicates and no holes", async () => {
    const first = runCli(env);
    // Kill once a few windows were answered: others are leased and in flight.
    for (let i = 0; i < 600 && sandbox.state.requests.filter((r) => r.status === 200).length < 5; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    first.kill();
    expect(await first.done).toBeNull();
    const answeredBeforeKill = sandbox.state.requests.length;
    const total = 2 * TYPES.length * 4; // 90 days → 4 month-aligned windows per user and type
    expect(answeredBeforeKill).toBeLessThan(total);

    await new Promise((r) => setTimeout(r, 2_500)); // the killed run's leases expire
    const second = runCli(env);
    expect(await second.done).toBe(0);

    const db = await createDb(`pglite://${dir}`);
    try {
      const today = dayOf(new Date());
      const horizon = horizonRange(today, HISTORY_DAYS);
      for (const u of sandbox.users) {
        for (const type of TYPES) {
          expect(await storedKeys(db, u.user_id, type)).toEqual(
            expectedKeys(sandbox, u.user_id, type, horizon.start, horizon.end),
          );
          expect(
            await listGaps(db, { userId: u.user_id, type, from: horizon.start, to: horizon.end }),
          ).toEqual([]);
        }
      }
    } finally {
      await db.close();
    }
    // Only windows leased at the kill are asked twice: each loop's batch (CONCURRENCY × CLAIM_BATCH),
    // fetched or not, is stored in one transaction, so none of it was stored.
    const counts = new Map<string, number>();
    for (const r of sandbox.state.requests) {
      const key = `${r.userId} ${r.type} ${r.start}..${r.end}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect([...counts.values()].filter((n) => n > 1).length).toBeLessThanOrEqual(2 * 4);
  }, 120_000);
});
