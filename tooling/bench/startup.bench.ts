// Start-up time and resident memory of each app, compiled (`node dist/index.js`) against the way
// the images ran before (`node --import tsx src/index.ts`), alternating in one run. Servers: from
// spawn until /healthz answers, RSS read from /proc right then; backfill: `--help` to exit, and its
// peak RSS. On PostgreSQL (a fresh migrated database, so migrate() has nothing to do); skips with
// a message when PostgreSQL does not answer. Builds the apps first.
import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createDb, ping } from "@wearables/storage";
import { testDb } from "@wearables/storage/testing";
import { repoRoot } from "@wearables/test-support";
import { machineLine, writeBenchSection } from "@wearables/test-support/bench";

const URL_ = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const RUNS = Number(process.env.BENCH_STARTUP_RUNS ?? 7);
const ROOT = repoRoot();

const probe = await createDb(URL_, { poolSize: 1 });
const up = await Promise.race([ping(probe), new Promise<boolean>((r) => setTimeout(() => r(false), 3000))]);
await probe.close().catch(() => {});
if (!up) {
  console.log(`startup bench skipped: PostgreSQL does not answer at ${URL_.replace(/:[^:@/]*@/, ":***@")}`);
  process.exit(0);
}
execFileSync("pnpm", ["turbo", "run", "build", "--filter=./apps/*", "--output-logs=errors-only"], {
  cwd: ROOT,
  stdio: "inherit",
});
const fresh = await testDb({ url: URL_ });

interface App {
  name: string;
  env: Record<string, string>;
  /** Arguments after the entry file; `undefined` for a server (measured to /healthz). */
  args?: string[];
  flags?: string[];
}
const APPS: App[] = [
  {
    name: "webhook",
    env: { TERRA_WEBHOOK_SECRET: "bench-secret", PORT: "18401", RETENTION_INTERVAL_MINUTES: "60" },
  },
  { name: "admin", env: { ADMIN_TOKENS: "bench:admin:bench-token-0123456789abcdef", PORT: "18402" } },
  {
    name: "backfill",
    env: { TERRA_API_KEY: "k", TERRA_DEV_ID: "d" },
    args: ["--help"],
    flags: ["--max-semi-space-size=4"],
  },
];

const rssKb = (pid: number): number => {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const field = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return field("VmHWM") || field("VmRSS");
};

async function once(app: App, compiled: boolean): Promise<{ ms: number; rssMb: number }> {
  const dir = join(ROOT, "apps", app.name);
  const entry = compiled ? ["dist/index.js"] : ["--import", "tsx", "src/index.ts"];
  const t0 = performance.now();
  const child = spawn(process.execPath, [...(app.flags ?? []), ...entry, ...(app.args ?? [])], {
    cwd: dir,
    env: {
      ...process.env,
      ...app.env,
      DATABASE_URL: fresh.connectionUrl,
      LOG_LEVEL: "warn",
      NODE_ENV: "production",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  try {
    if (app.args) {
      // A command that exits: its peak RSS is read just before it ends, by polling.
      let peak = 0;
      const poll = setInterval(() => {
        try {
          peak = Math.max(peak, rssKb(child.pid!));
        } catch {}
      }, 5);
      const code = await exited;
      clearInterval(poll);
      if (code !== 0) throw new Error(`${app.name} exited with ${code}`);
      return { ms: performance.now() - t0, rssMb: peak / 1024 };
    }
    for (;;) {
      const ok = await fetch(`http://127.0.0.1:${app.env.PORT}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      if (child.exitCode !== null) throw new Error(`${app.name} exited with ${child.exitCode}`);
      if (performance.now() - t0 > 30_000) throw new Error(`${app.name}: no /healthz in 30 s`);
      await new Promise((r) => setTimeout(r, 10));
    }
    return { ms: performance.now() - t0, rssMb: rssKb(child.pid!) / 1024 };
  } finally {
    if (child.exitCode === null) child.kill("SIGTERM");
    await exited;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const rows: string[] = [];
try {
  for (const app of APPS) {
    const res = { tsx: [] as { ms: number; rssMb: number }[], dist: [] as { ms: number; rssMb: number }[] };
    await once(app, false); // warm the file cache and tsx's transform cache
    await once(app, true);
    for (let i = 0; i < RUNS; i++) {
      res.tsx.push(await once(app, false));
      res.dist.push(await once(app, true));
    }
    const m = (k: "tsx" | "dist", f: "ms" | "rssMb") => median(res[k].map((r) => r[f]));
    const spread = (k: "tsx" | "dist") =>
      `${Math.min(...res[k].map((r) => r.ms)).toFixed(0)}–${Math.max(...res[k].map((r) => r.ms)).toFixed(0)}`;
    rows.push(
      `| ${app.name}${app.args ? ` ${app.args.join(" ")}` : ""} | ${m("tsx", "ms").toFixed(0)} (${spread("tsx")}) | ${m("dist", "ms").toFixed(0)} (${spread("dist")}) | ${(m("dist", "ms") / m("tsx", "ms")).toFixed(2)} | ${m("tsx", "rssMb").toFixed(0)} | ${m("dist", "rssMb").toFixed(0)} | ${(m("tsx", "rssMb") - m("dist", "rssMb")).toFixed(0)} |`,
    );
    console.log(rows.at(-1));
  }
} finally {
  await fresh.close();
}

writeBenchSection(
  "startup",
  `## Apps: start-up and memory, compiled vs tsx (\`tooling/bench/startup.bench.ts\`)

${machineLine()}

Median of ${RUNS} alternating runs each (range in brackets), on PostgreSQL with a current schema.
Servers: spawn until \`/healthz\` answers, RSS at that moment; backfill: \`--help\` until exit, peak RSS.
Baseline: \`node --import tsx src/index.ts\` (what the images ran before), in the same run.

| app | tsx start (ms) | compiled start (ms) | ratio | tsx RSS (MB) | compiled RSS (MB) | RSS saved (MB) |
| --- | --- | --- | --- | --- | --- | --- |
${rows.join("\n")}`,
);
