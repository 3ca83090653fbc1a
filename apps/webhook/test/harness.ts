// The real-process tests' harness: a database per test file (a fresh PostgreSQL database with
// TEST_DATABASE_URL, else a PGlite directory), the service or the processor command as child
// processes with their log lines parsed, and polling instead of sleeps.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createDb, type Db } from "@wearables/storage";
import { testDb } from "@wearables/storage/testing";
import { afterAll, beforeAll } from "vitest";

const APP_DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
export const SECRET = "e2e-secret";
export const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

let saidWhy = false;
/** Multi-process tests need PostgreSQL (PGlite is one process's); the skip says so, once per file. */
export function postgresOnly(): boolean {
  if (!onPostgres && !saidWhy) {
    saidWhy = true;
    console.warn(
      "[webhook e2e] TEST_DATABASE_URL is not set: tests with several processes on one database need PostgreSQL and are skipped (run them with `TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test pnpm --filter @wearables/webhook test:e2e`)",
    );
  }
  return !onPostgres;
}

export interface TestDatabase {
  readonly url: string;
  /** Opens the database in this process (PGlite: only while no child process has it open). */
  withDb<T>(fn: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

async function testDatabase(prefix: string): Promise<TestDatabase> {
  if (onPostgres) {
    // A fresh database on that server, migrated, dropped by close().
    const db = await testDb();
    return { url: db.connectionUrl, withDb: (fn) => fn(db), close: () => db.close() };
  }
  const dir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  const url = `pglite://${dir}`;
  return {
    url,
    async withDb(fn) {
      const db = await createDb(url);
      try {
        return await fn(db);
      } finally {
        await db.close();
      }
    },
    close: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * The test file's database, made before its tests and dropped after them (with any child process a
 * failed test left running). Returns its getter.
 */
export function databaseForFile(prefix: string): () => TestDatabase {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await testDatabase(prefix);
  });
  afterAll(async () => {
    killLeftovers();
    await db?.close();
  });
  return () => {
    if (!db) throw new Error("the test database is made in beforeAll");
    return db;
  };
}

/** A pino line of a child process. */
export type LogLine = Record<string, unknown> & { msg?: string; level?: number };

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface Service {
  readonly child: ChildProcess;
  readonly port: number;
  /** POST /webhooks/terra of this process. */
  readonly url: string;
  readonly base: string;
  /** Every JSON line it wrote to stdout so far, in order. */
  readonly lines: LogLine[];
  readonly exited: Promise<Exit>;
  /** When the process was spawned (its rows' processed_at is later). */
  readonly startedAt: Date;
  stderr(): string;
}

const children = new Set<ChildProcess>();

/** Kills (SIGKILL) the children a failed test left running. */
function killLeftovers(): void {
  for (const c of children) c.kill("SIGKILL");
  children.clear();
}

/**
 * Spawns `src/index.ts` (the service) or `src/processor.ts` (processing only) on the database and
 * resolves once it listens. LOG_LEVEL is debug: the "processed batch" lines carry the row ids.
 */
export async function startService(
  db: TestDatabase,
  o: { command?: "service" | "processor"; env?: Record<string, string> } = {},
): Promise<Service> {
  const processor = o.command === "processor";
  const startedAt = new Date();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", processor ? "src/processor.ts" : "src/index.ts"],
    {
      cwd: APP_DIR,
      env: {
        ...process.env,
        DATABASE_URL: db.url,
        TERRA_WEBHOOK_SECRET: SECRET,
        PORT: "0",
        HOST: "127.0.0.1",
        LOG_LEVEL: "debug",
        BATCH_LINGER_MS: "5",
        DB_POOL_SIZE: "4",
        PROCESS_THREADS: "1",
        PROCESS_POLL_MS: "100",
        ...o.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  children.add(child);
  const exited = new Promise<Exit>((resolve) =>
    child.on("exit", (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    }),
  );
  const lines: LogLine[] = [];
  let partial = "";
  let stderr = "";
  child.stderr?.on("data", (b) => {
    stderr += b;
  });
  const started = processor ? "processor running" : "webhook listening";
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`did not start within 90 s: ${stderr}`)), 90_000);
    child.stdout?.on("data", (b: Buffer) => {
      partial += b.toString();
      const parts = partial.split("\n");
      partial = parts.pop() ?? "";
      for (const text of parts) {
        let line: LogLine;
        try {
          line = JSON.parse(text) as LogLine;
        } catch {
          continue;
        }
        lines.push(line);
        if (line.msg === started) {
          clearTimeout(timer);
          resolve(Number(line.port));
        }
      }
    });
    void exited.then((e) => reject(new Error(`exited (${e.code ?? e.signal}) before listening: ${stderr}`)));
  });
  const base = `http://127.0.0.1:${port}`;
  return { child, port, base, url: `${base}/webhooks/terra`, lines, exited, startedAt, stderr: () => stderr };
}

/** SIGTERM, then the exit code (the service promises 0). */
export async function stop(s: Service): Promise<number | null> {
  s.child.kill("SIGTERM");
  return (await s.exited).code;
}

export async function waitFor(
  what: string,
  cond: () => boolean | Promise<boolean>,
  timeoutMs = 60_000,
  everyMs = 50,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** The row ids of every "processed batch" line (one array per committed batch). */
export function processedBatches(s: Service): number[][] {
  return s.lines.filter((l) => l.msg === "processed batch").map((l) => (l.ids as number[]) ?? []);
}

/** Rows waiting for processing, every replica's (the service's /metrics, read from the database). */
export async function backlog(s: Service): Promise<number | null> {
  try {
    const text = await (await fetch(`${s.base}/metrics`)).text();
    const values = [...text.matchAll(/^wearables_inbox_backlog\{state="(?:waiting|retrying)"\} (\d+)/gm)];
    return values.length === 2 ? values.reduce((n, m) => n + Number(m[1]), 0) : null;
  } catch {
    return null;
  }
}

/** A counter's total over its labels in the service's /metrics (0 when never touched). */
export async function counter(s: Service, name: string, labels = ""): Promise<number> {
  const text = await (await fetch(`${s.base}/metrics`)).text();
  return [...text.matchAll(new RegExp(`^${name}\\{([^}]*)\\} (\\S+)`, "gm"))]
    .filter((m) => (m[1] ?? "").includes(labels))
    .reduce((n, m) => n + Number(m[2]), 0);
}

/** Waits until nothing is left to process: the backlog reads 0 twice in a row. */
export async function drained(s: Service, timeoutMs = 60_000): Promise<void> {
  let zeros = 0;
  await waitFor(
    "the inbox backlog to drain",
    async () => {
      zeros = (await backlog(s)) === 0 ? zeros + 1 : 0;
      return zeros >= 2;
    },
    timeoutMs,
    200,
  );
}
