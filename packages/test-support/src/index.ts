import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";

/** The repository root: the nearest folder above this file that holds pnpm-workspace.yaml. */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, "pnpm-workspace.yaml"))) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error("repository root not found (no pnpm-workspace.yaml above test-support)");
    dir = parent;
  }
  return dir;
}

/** `../shared/` beside the clone: Terra's reference material, read-only, never copied into the project. */
export const sharedDir: string = resolve(repoRoot(), "..", "shared");

/**
 * Whether `../shared/` is present. Outside CI a clone elsewhere has none, so tests that need it skip
 * with a clear message; in CI (`CI` set) its absence is a failure, never a silent skip.
 */
export function hasShared(): boolean {
  if (existsSync(join(sharedDir, "terra"))) return true;
  if (process.env.CI) {
    throw new Error(`../shared/terra not found at ${sharedDir}: CI must run beside shared/`);
  }
  console.warn(
    `[test-support] ../shared/terra not found at ${sharedDir}: tests that read Terra's files are skipped`,
  );
  return false;
}

export function sharedPath(...parts: string[]): string {
  return join(sharedDir, ...parts);
}

/** Terra's official webhook examples: file name → parsed JSON. */
export function terraExamples(): Map<string, unknown> {
  const dir = sharedPath("terra", "examples");
  const out = new Map<string, unknown>();
  for (const f of readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()) {
    out.set(f, JSON.parse(readFileSync(join(dir, f), "utf8")));
  }
  return out;
}

/** Terra's published JSON Schemas (YAML files in spec/schemas): schema name → parsed object. */
export function terraJsonSchemas(): Map<string, Record<string, unknown>> {
  const dir = sharedPath("terra", "spec", "schemas");
  const out = new Map<string, Record<string, unknown>>();
  for (const f of readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()) {
    out.set(
      f.replace(/\.yaml$/, ""),
      parseYaml(readFileSync(join(dir, f), "utf8")) as Record<string, unknown>,
    );
  }
  return out;
}

/** Terra's OpenAPI bundle, parsed. */
export function terraOpenApi(): Record<string, unknown> {
  return parseYaml(readFileSync(sharedPath("terra", "spec", "v2-bundled.yaml"), "utf8")) as Record<
    string,
    unknown
  >;
}
