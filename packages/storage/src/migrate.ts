import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type pg from "pg";
import { type Db, rows } from "./db.ts";

/**
 * Where the committed migrations are, from the URL of the module that runs: `../migrations` beside
 * the package's src/ when run from source, `./migrations` beside the bundle when this code is
 * bundled into an app (the build copies the folder to the app's dist/). The first that holds a
 * journal wins; with neither, the source location, so that drizzle's error names it.
 */
export function findMigrationsFolder(moduleUrl: string): string {
  const here = dirname(fileURLToPath(moduleUrl));
  const candidates = [join(here, "..", "migrations"), join(here, "migrations")];
  return candidates.find((dir) => existsSync(join(dir, "meta", "_journal.json"))) ?? candidates[0]!;
}

/** The committed migrations, found beside the package (or the bundle) whatever the cwd. */
export const MIGRATIONS_FOLDER = findMigrationsFolder(import.meta.url);

// An arbitrary constant: replicas starting together migrate one at a time.
const MIGRATION_LOCK_ID = 7_301_001;

/** Applies pending migrations. Safe to call from several processes at once on PostgreSQL. */
export async function migrate(db: Db): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER };
  if (db.kind === "pglite") {
    await migratePglite(db.orm as unknown as PgliteDatabase, config);
    return;
  }
  // One session holds the advisory lock and runs the migrator, so the lock is really held.
  const pool = (db.orm as unknown as { $client: pg.Pool }).$client;
  const client = await pool.connect();
  try {
    await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK_ID]);
    try {
      await migratePg(drizzlePg(client), config);
    } finally {
      await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK_ID]);
    }
  } finally {
    client.release();
  }
}

/** Whether every committed migration has been applied (for readiness). */
export async function migrationsCurrent(db: Db): Promise<boolean> {
  const files = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  const last = files.at(-1);
  if (!last) return true;
  try {
    const applied = await rows<{ created_at: string | number }>(
      db,
      sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
    );
    const at = applied[0]?.created_at;
    return at !== undefined && Number(at) >= last.folderMillis;
  } catch {
    return false;
  }
}
