import { type DataType, recordKey } from "@wearables/schemas";
import { type Db, readRecords } from "@wearables/storage";
import { testDb } from "@wearables/storage/testing";
import { createTerraClient, type TerraClient } from "@wearables/terra-client";
import { createSandbox, type RestFaults, type Sandbox } from "@wearables/terra-sandbox";
import pino, { type Logger } from "pino";
import { type Clock, virtualClock } from "./clock.ts";
import { DEFAULT_CONFIG, type WorkerConfig } from "./config.ts";
import type { WorkerDeps } from "./deps.ts";

/** Test wiring: an in-process sandbox reached through its fetch, a fresh database, a fast clock. */

export const TEST_TYPES: DataType[] = ["activity", "body", "daily", "sleep"];

/**
 * The instant a harness starts at unless a test pins another: mid-month, so that a test that
 * forgets about month boundaries still passes on every real date. Tests that care about the
 * calendar pin their own (`now`).
 */
export const DEFAULT_TEST_NOW = Date.parse("2026-06-17T10:00:00Z");

export interface Harness {
  sandbox: Sandbox;
  db: Db;
  clock: Clock & { advance(ms: number): void };
  terra: TerraClient;
  deps: WorkerDeps;
  cfg: WorkerConfig;
  close(): Promise<void>;
}

/** A virtual clock starting at `now` (epoch ms or ISO instant; default DEFAULT_TEST_NOW). */
export function testClock(now?: number | string): Harness["clock"] {
  const startMs = typeof now === "string" ? Date.parse(now) : (now ?? DEFAULT_TEST_NOW);
  if (Number.isNaN(startMs)) throw new Error(`testClock: bad instant ${String(now)}`);
  return virtualClock({ startMs });
}

export function sandboxFetch(sandbox: Sandbox): typeof fetch {
  return (input, init) =>
    Promise.resolve(sandbox.app.fetch(new Request(input as string | URL | Request, init)));
}

export async function createHarness(
  opts: {
    users?: number;
    seed?: string;
    faults?: RestFaults;
    cfg?: Partial<WorkerConfig>;
    db?: Db;
    sandbox?: Sandbox;
    /** Where the clock starts (epoch ms or ISO instant); the sandbox shares the clock. */
    now?: number | string;
    /** A clock made by `testClock` and shared with a sandbox the test built itself. */
    clock?: Harness["clock"];
    /** Replaces the sandbox as Terra (e.g. a fake that answers errors or marked documents). */
    terraFetch?: typeof fetch;
    /** Terra credentials the client sends (the sandbox checks its own). */
    credentials?: { devId: string; apiKey: string };
    logger?: Logger;
  } = {},
): Promise<Harness> {
  const clock = opts.clock ?? testClock(opts.now);
  const sandbox =
    opts.sandbox ??
    createSandbox({
      devId: "dev-test",
      apiKey: "key-test",
      users: opts.users ?? 2,
      seed: opts.seed ?? "backfill-test",
      faults: opts.faults,
      now: clock.now,
    });
  const terra = createTerraClient({
    devId: opts.credentials?.devId ?? "dev-test",
    apiKey: opts.credentials?.apiKey ?? "key-test",
    baseUrl: "http://sandbox.test/v2",
    fetch: opts.terraFetch ?? sandboxFetch(sandbox),
    clock,
    retries: 2,
    backoff: { baseMs: 50, maxMs: 1_000 },
  });
  const db = opts.db ?? (await testDb());
  const logger = opts.logger ?? pino({ level: "silent" });
  const cfg: WorkerConfig = {
    ...DEFAULT_CONFIG,
    dataTypes: TEST_TYPES,
    historyDays: 60,
    concurrency: 3,
    ...opts.cfg,
  };
  return {
    sandbox,
    db,
    clock,
    terra,
    cfg,
    deps: { db, terra, logger, clock },
    close: async () => {
      await sandbox.close();
      if (!opts.db) await db.close();
    },
  };
}

/** Every stored natural key of one user and type, with duplicates kept (there must be none). */
export async function storedKeys(db: Db, userId: string, type: DataType): Promise<string[]> {
  const keys: string[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 1000; i++) {
    const page = await readRecords(db, { userId, type, cursor, limit: 1000 });
    keys.push(...page.items.map((r) => r.naturalKey));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return keys.sort();
}

export function expectedKeys(
  sandbox: Sandbox,
  userId: string,
  type: DataType,
  start: string,
  end: string,
): string[] {
  return sandbox
    .expectedRecords(userId, type as "body", start, end)
    .map((d) => recordKey(type, d as never))
    .sort();
}

/** Successful data requests the sandbox answered, as `type start..end` strings, per user. */
export function requestsOf(sandbox: Sandbox, userId: string): string[] {
  return sandbox.state.requests
    .filter((r) => r.userId === userId && r.status === 200)
    .map((r) => `${r.type} ${r.start}..${r.end}`)
    .sort();
}
