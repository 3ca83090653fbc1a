import { mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { redactUrl } from "@wearables/service-kit";
import { type SQL, sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import * as schema from "./schema/index.ts";

export type Schema = typeof schema;
/** The drizzle API common to both drivers and to their transactions. */
export type Orm = PgDatabase<PgQueryResultHKT, Schema>;

export interface Db {
  readonly kind: "pglite" | "postgres";
  /** The drizzle instance. */
  readonly orm: Orm;
  /** The URL it was opened with, without credentials (userinfo password, `?password=`): redactUrl. */
  readonly url: string;
  close(): Promise<void>;
}

/** A Db or an open transaction: every query function accepts either. */
export type Executor = Db | Orm;

export const DEFAULT_PGLITE_DIR = "./.data/pglite";

/**
 * PGlite's own bytea conversion maps every byte through a JavaScript string (about 0.5 s per MiB:
 * a 60 MiB delivery took 50 s to store). Buffer's native hex codec does the same in milliseconds.
 */
const PGLITE_BYTEA = {
  serializers: {
    17: (v: unknown) => {
      if (!(v instanceof Uint8Array)) throw new Error("Invalid input for bytea type");
      return `\\x${Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("hex")}`;
    },
  },
  parsers: { 17: (s: string) => Buffer.from(s.slice(2), "hex") },
};

export interface CreateDbOptions {
  /** node-postgres pool size (postgres:// only). Default 10. */
  poolSize?: number;
  /** PGlite only: start from this data directory dump (see @wearables/storage/testing). */
  pgliteDataDir?: Blob;
}

/**
 * Opens a database: `pglite://memory` (in memory), `pglite://<dir>` (files in dir, relative to the
 * cwd unless absolute), `postgres://…` / `postgresql://…` (a node-postgres pool). Unset: PGlite in
 * `./.data/pglite`.
 */
export async function createDb(url?: string, options: CreateDbOptions = {}): Promise<Db> {
  const target = url && url.trim() !== "" ? url.trim() : `pglite://${DEFAULT_PGLITE_DIR}`;
  if (target.startsWith("postgres://") || target.startsWith("postgresql://")) {
    const pool = new pg.Pool({ connectionString: target, max: options.poolSize ?? 10 });
    // An idle client losing its server must not crash the process; the next query reconnects.
    pool.on("error", () => {});
    // Nor may a checked-out one (between two statements of a transaction when the server stops):
    // pg emits that on the client, where the pool listens only while it is idle. The failure still
    // reaches the caller through its next query, and the broken client is discarded on release.
    pool.on("connect", (client) => client.on("error", () => {}));
    const orm = drizzlePg(pool, { schema }) as unknown as Orm;
    return { kind: "postgres", orm, url: redactUrl(target), close: () => pool.end() };
  }
  if (target.startsWith("pglite://")) {
    const where = target.slice("pglite://".length);
    let client: PGlite;
    if (where === "memory" || where === "") {
      client = new PGlite({
        ...PGLITE_BYTEA,
        ...(options.pgliteDataDir ? { loadDataDir: options.pgliteDataDir } : {}),
      });
    } else {
      const dir = resolve(where);
      mkdirSync(dir, { recursive: true });
      client = new PGlite(dir, PGLITE_BYTEA);
    }
    await client.waitReady;
    const orm = drizzlePglite(client, { schema }) as unknown as Orm;
    return { kind: "pglite", orm, url: redactUrl(target), close: () => client.close() };
  }
  throw new Error(`unsupported database URL scheme (want pglite:// or postgres://): ${redactUrl(target)}`);
}

export function isDb(ex: Executor): ex is Db {
  return typeof (ex as Db).close === "function" && "orm" in ex;
}

/** The drizzle handle of a Db or a transaction. */
export function orm(ex: Executor): Orm {
  return isDb(ex) ? ex.orm : ex;
}

/** Runs raw SQL and returns its rows, on either driver. */
export async function rows<T>(ex: Executor, query: SQL): Promise<T[]> {
  const result = (await orm(ex).execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** Runs fn in one transaction; it commits when fn resolves and rolls back when it throws. */
export function transaction<T>(db: Executor, fn: (tx: Orm) => Promise<T>): Promise<T> {
  return orm(db).transaction((tx) => fn(tx as unknown as Orm));
}

/** Whether the database answers (for readiness checks). */
export async function ping(ex: Executor): Promise<boolean> {
  try {
    const r = await rows<{ ok: number }>(ex, sql`select 1 as ok`);
    return r[0]?.ok === 1;
  } catch {
    return false;
  }
}
