// The repository's lint rules that guard a design rule, applied as `pnpm lint` applies them: the
// root biome.json (its overrides included) on files laid out as in the repository, in a scratch
// folder (nothing is written into the checkout).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const biome = join(root, "node_modules", ".bin", "biome");
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "lint-rules-"));
  const config = JSON.parse(readFileSync(join(root, "biome.json"), "utf8")) as Record<string, unknown>;
  delete config.$schema;
  config.vcs = { enabled: false }; // the scratch folder is no repository
  writeFileSync(join(dir, "biome.json"), JSON.stringify(config));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function lint(path: string, source: string): { code: number | null; output: string } {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), source);
  const r = spawnSync(biome, ["lint", path], { cwd: dir, encoding: "utf8" });
  return { code: r.status, output: `${r.stdout}${r.stderr}` };
}

const READS_ENV = "export const port = process.env.PORT;\n";

describe("process.env outside the env modules", () => {
  it.each([
    "apps/admin/src/routes/users.ts",
    "apps/webhook/src/index.ts",
    "apps/backfill/src/worker.ts",
    "packages/ingest/src/config.ts",
  ])("fails the lint in %s", (path) => {
    const r = lint(path, READS_ENV);
    expect(r.code).not.toBe(0);
    expect(r.output).toContain("lint/style/noProcessEnv");
  });

  it.each([
    "apps/admin/src/env.ts",
    "packages/storage/src/cli/env.ts",
    "apps/webhook/src/app.test.ts",
    "apps/webhook/bench/load.bench.ts",
    "apps/dashboard/e2e/server.ts",
    "e2e/src/procs.ts",
    "tooling/src/smoke.ts",
    "packages/test-support/src/index.ts",
    "apps/dashboard/vite.config.ts",
  ])("is allowed in %s", (path) => {
    const r = lint(path, READS_ENV);
    expect(r.output).not.toContain("noProcessEnv");
    expect(r.code).toBe(0);
  });
});
