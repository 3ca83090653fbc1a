import { createHash, randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { createDb, type Db } from "./db.ts";
import { MIGRATIONS_FOLDER, migrate } from "./migrate.ts";

/**
 * A fresh, migrated database for one test file. PGlite in memory by default; with
 * TEST_DATABASE_URL a new database `test_<random>` on that server, dropped by close().
 */
export interface TestDb extends Db {
  /** The URL to open a second, independent connection to the same database. */
  readonly connectionUrl: string;
}

/** options.url: a PostgreSQL server to create the database on; null forces PGlite. */
export async function testDb(options: { url?: string | null } = {}): Promise<TestDb> {
  const serverUrl = options.url === undefined ? process.env.TEST_DATABASE_URL : options.url;
  if (!serverUrl) {
    const db = await migratedPglite();
    return { ...db, close: () => db.close(), connectionUrl: "pglite://memory" };
  }
  const name = `test_${randomBytes(6).toString("hex")}`;
  await adminQuery(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = await createDb(url.toString(), { poolSize: 5 });
  try {
    await migrate(db);
  } catch (e) {
    await db.close();
    await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    throw e;
  }
  return {
    ...db,
    connectionUrl: url.toString(),
    close: async () => {
      await db.close();
      await adminQuery(serverUrl, `drop database if exists ${name} with (force)`);
    },
  };
}

/**
 * PGlite's first start runs initdb, which takes several times longer than loading a data
 * directory. The first test file to need a database dumps a freshly migrated one to the temp
 * folder (keyed by the migrations' content); later files start from that dump.
 */
async function migratedPglite(): Promise<Db> {
  const hash = createHash("sha256");
  for (const f of readdirSync(MIGRATIONS_FOLDER, { recursive: true }).map(String).sort()) {
    if (f.endsWith(".sql") || f.endsWith(".json"))
      hash.update(f).update(readFileSync(join(MIGRATIONS_FOLDER, f)));
  }
  const file = join(tmpdir(), `wearables-storage-pglite-${hash.digest("hex").slice(0, 16)}.tar.gz`);
  if (existsSync(file)) {
    try {
      const db = await createDb("pglite://memory", { pgliteDataDir: new Blob([readFileSync(file)]) });
      await migrate(db); // a no-op on a good dump; completes a stale one
      return db;
    } catch {
      // A truncated or foreign dump: fall through and rebuild it.
    }
  }
  const db = await createDb("pglite://memory");
  await migrate(db);
  const client = (db.orm as unknown as { $client: PGlite }).$client;
  const dump = await client.dumpDataDir("gzip");
  const partial = `${file}.${process.pid}.${randomBytes(4).toString("hex")}`;
  writeFileSync(partial, new Uint8Array(await dump.arrayBuffer()));
  renameSync(partial, file); // atomic: concurrent test files never read half a dump
  return db;
}

let saidWhy = false;

/**
 * Whether tests run against a real PostgreSQL server (TEST_DATABASE_URL set). Suites that need one
 * skip without it, and the run says so once (`pnpm test:pg` runs them), so a skip is never silent.
 */
export function onRealPostgres(): boolean {
  if (process.env.TEST_DATABASE_URL) return true;
  if (!saidWhy) {
    saidWhy = true;
    console.warn(
      "[storage/testing] TEST_DATABASE_URL is not set: suites that need a real PostgreSQL are skipped (run them with `pnpm test:pg`)",
    );
  }
  return false;
}

async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

export { bodyDoc, dailyDoc, dayRange, nextDay, passInput, sleepDoc } from "./fixtures.ts";
