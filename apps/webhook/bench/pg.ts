// The benchmark's PostgreSQL: a fresh database per run on TEST_DATABASE_URL's server.
import { randomBytes } from "node:crypto";
import { loadavg } from "node:os";
import pg from "pg";

export const PG_SERVER = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

export const loads = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" / ");

export async function pgDatabase(tag: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `bench_webhook_${tag}_${randomBytes(3).toString("hex")}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: PG_SERVER });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name}`);
  const u = new URL(PG_SERVER);
  u.pathname = `/${name}`;
  return { url: u.toString(), drop: () => admin(`drop database if exists ${name} with (force)`) };
}
