// A PostgreSQL cluster private to one test file, so the suite may stop and start it at will (the
// shared server at 127.0.0.1:5432 serves other work and must never be restarted).
import { execFile, execFileSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "./ports.ts";

export interface Cluster {
  port: number;
  /** postgres://postgres@127.0.0.1:<port>/<name> */
  url(database: string): string;
  createDatabase(name: string): Promise<string>;
  /** Fast shutdown (sessions terminated), asynchronous so that deliveries keep flowing meanwhile. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and deletes its files. */
  destroy(): void;
  /** The server log's tail, for failure messages. */
  logTail(): string;
}

const PG_ROOT = "/usr/lib/postgresql";

/** The newest installed server's bin directory, or null. */
function binDir(): string | null {
  if (!existsSync(PG_ROOT)) return null;
  const versions = readdirSync(PG_ROOT)
    .filter((v) => existsSync(join(PG_ROOT, v, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(PG_ROOT, versions[0], "bin") : null;
}

/** Why a private cluster cannot be made here, or null when it can. */
export function clusterUnavailableReason(): string | null {
  if (process.getuid?.() !== 0) return "not running as root (initdb must run as the postgres user)";
  if (!binDir()) return `no PostgreSQL server binaries under ${PG_ROOT}`;
  try {
    execFileSync("id", ["-u", "postgres"], { stdio: "ignore" });
  } catch {
    return "no postgres system user";
  }
  return null;
}

function asPostgres(bin: string, args: string[], timeoutMs: number): void {
  execFileSync("runuser", ["-u", "postgres", "--", bin, ...args], { stdio: "pipe", timeout: timeoutMs });
}

const execFileAsync = promisify(execFile);

async function asPostgresAsync(bin: string, args: string[], timeoutMs: number): Promise<void> {
  await execFileAsync("runuser", ["-u", "postgres", "--", bin, ...args], { timeout: timeoutMs });
}

export async function startCluster(): Promise<Cluster> {
  const reason = clusterUnavailableReason();
  if (reason) throw new Error(`cannot create a private PostgreSQL cluster: ${reason}`);
  const bin = binDir() as string;
  const dir = mkdtempSync(join(tmpdir(), "wearables-e2e-pg-"));
  chmodSync(dir, 0o700);
  const pgUid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
  const pgGid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
  chownSync(dir, pgUid, pgGid);
  const data = join(dir, "data");
  const log = join(dir, "server.log");
  const port = await freePort();
  asPostgres(join(bin, "initdb"), ["-D", data, "-A", "trust", "-U", "postgres", "--no-sync"], 60_000);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const pgCtl = (args: string[]) => asPostgres(join(bin, "pg_ctl"), ["-D", data, ...args], 60_000);
  const pgCtlAsync = (args: string[]) => asPostgresAsync(join(bin, "pg_ctl"), ["-D", data, ...args], 60_000);

  const cluster: Cluster = {
    port,
    url: (database) => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async createDatabase(name) {
      const c = new pg.Client({ connectionString: cluster.url("postgres") });
      await c.connect();
      try {
        await c.query(`create database ${name}`);
      } finally {
        await c.end();
      }
      return cluster.url(name);
    },
    start: () => pgCtlAsync(["-o", opts, "-l", log, "-w", "-t", "30", "start"]),
    stop: () => pgCtlAsync(["-m", "fast", "-w", "-t", "30", "stop"]),
    destroy() {
      process.removeListener("exit", onExit);
      try {
        pgCtl(["-m", "immediate", "-w", "-t", "20", "stop"]);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
    logTail() {
      try {
        return readFileSync(log, "utf8").split("\n").slice(-15).join("\n");
      } catch {
        return "(no server log)";
      }
    },
  };
  // A test process that dies must not leave a postmaster behind.
  const onExit = () => {
    try {
      pgCtl(["-m", "immediate", "-w", "-t", "10", "stop"]);
    } catch {
      // not running
    }
  };
  process.once("exit", onExit);
  try {
    await cluster.start();
  } catch (err) {
    const tail = cluster.logTail();
    cluster.destroy();
    throw new Error(`private PostgreSQL did not start: ${(err as Error).message}\n${tail}`);
  }
  return cluster;
}
