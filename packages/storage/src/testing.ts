import { randomBytes } from "node:crypto";
import pg from "pg";
import { createDb, type Db } from "./db.ts";
import { migrate } from "./migrate.ts";

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
    const db = await createDb("pglite://memory");
    await migrate(db);
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

/** Whether tests run against a real PostgreSQL server (TEST_DATABASE_URL set). */
export function onRealPostgres(): boolean {
  return Boolean(process.env.TEST_DATABASE_URL);
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

export { bodyDoc, dailyDoc, nextDay, sleepDoc } from "./fixtures.ts";
