import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { findMigrationsFolder, MIGRATIONS_FOLDER } from "./migrate.ts";

const tmp = mkdtempSync(join(tmpdir(), "migrations-folder-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("findMigrationsFolder", () => {
  it("finds the committed migrations beside the package when run from source", () => {
    const pkg = join(dirname(fileURLToPath(import.meta.url)), "..");
    expect(MIGRATIONS_FOLDER).toBe(join(pkg, "migrations"));
  });

  it("finds dist/migrations beside a bundle that inlines this module", () => {
    const dist = join(tmp, "app", "dist");
    mkdirSync(join(dist, "migrations", "meta"), { recursive: true });
    writeFileSync(join(dist, "migrations", "meta", "_journal.json"), "{}");
    expect(findMigrationsFolder(pathToFileURL(join(dist, "index.js")).href)).toBe(join(dist, "migrations"));
  });

  it("falls back to the source location when neither holds a journal, so drizzle's error names it", () => {
    const dist = join(tmp, "empty", "dist");
    mkdirSync(join(dist, "migrations"), { recursive: true });
    expect(findMigrationsFolder(pathToFileURL(join(dist, "index.js")).href)).toBe(
      join(tmp, "empty", "migrations"),
    );
  });
});
