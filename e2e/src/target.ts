// Where a phase runs: a private cluster the suite owns (preferred), or, for the phase that never
// restarts the server, a fresh database on TEST_DATABASE_URL. Unavailable outside CI: skip with a
// message; in CI: fail.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { type Cluster, clusterUnavailableReason, startCluster } from "./cluster.ts";

export interface Target {
  databaseUrl: string;
  /** null when on the shared server (which must never be stopped). */
  cluster: Cluster | null;
  close(): Promise<void>;
}

/** Why the phase cannot run here, or null. Throws in CI instead of skipping. */
export function unavailable(opts: { needCluster: boolean }): string | null {
  const reason = clusterUnavailableReason();
  if (!reason) return null;
  if (!opts.needCluster && process.env.TEST_DATABASE_URL) return null;
  const message = `end-to-end suite: no private PostgreSQL cluster (${reason})${
    opts.needCluster ? "" : " and no TEST_DATABASE_URL"
  }`;
  if (process.env.CI) throw new Error(`${message}: CI must run it`);
  console.warn(`${message}: skipped`);
  return message;
}

export async function openTarget(name: string): Promise<Target> {
  if (!clusterUnavailableReason()) {
    const cluster = await startCluster();
    const databaseUrl = await cluster.createDatabase(name);
    return { databaseUrl, cluster, close: async () => cluster.destroy() };
  }
  const server = process.env.TEST_DATABASE_URL as string;
  const db = `${name}_${randomBytes(4).toString("hex")}`;
  await adminQuery(server, `create database ${db}`);
  const u = new URL(server);
  u.pathname = `/${db}`;
  return {
    databaseUrl: u.toString(),
    cluster: null,
    close: () => adminQuery(server, `drop database if exists ${db} with (force)`),
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Runs one query on its own short connection (the inbox checks read the table directly). */
export async function query<T>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(sql, params)).rows as T[];
  } finally {
    await c.end();
  }
}
