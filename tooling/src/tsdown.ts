// The one tsdown configuration of the repository. An app's tsdown.config.ts is three lines:
//
//   import { defineApp } from "../../tooling/src/tsdown.ts";
//   export default defineApp({ entry: ["src/index.ts"] });
//
// (a relative import: tsdown's config loader leaves packages in node_modules to plain Node, which
// cannot load .ts), and a published package's is `defineLibrary()`. Why: docs/adr/0900.
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { basename, extname, join, resolve } from "node:path";
import type { UserConfig } from "tsdown";

/**
 * What a bundled internal package needs beside the bundle at run time, by package name:
 * - entries: modules of the package emitted as dist/<basename>.js at the root of every app that
 *   bundles it: worker threads, which the package starts with
 *   `new URL("./<name>.js", import.meta.url)` (the bundle's folder), and commands of its own;
 * - assets: folders it reads at run time, copied to dist/<folder>.
 * A package that starts a worker thread or reads a file of its own adds one line here; every app
 * that bundles it then ships the file.
 */
export const RUNTIME_FILES: Readonly<Record<string, RuntimeFiles>> = {
  // migrate() reads the migrations beside the bundle; dist/migrate.js applies them (a one-shot job).
  "@wearables/storage": { entries: ["src/cli/migrate.ts"], assets: ["migrations"] },
  // The prepare pool starts worker threads from parse-worker.js beside the running bundle.
  "@wearables/ingest": { entries: ["src/parse-worker.ts"] },
};

export interface RuntimeFiles {
  readonly entries?: readonly string[];
  readonly assets?: readonly string[];
}

export interface AppBuildOptions {
  /** The app's own entry points, each emitted as dist/<basename>.js: `src/index.ts`, `src/processor.ts`, … */
  readonly entry: readonly string[];
  /** The package directory (default: the working directory, which tsdown sets to it). */
  readonly cwd?: string;
  /** For tests: replaces RUNTIME_FILES. */
  readonly runtimeFiles?: Readonly<Record<string, RuntimeFiles>>;
  readonly outDir?: string;
}

interface Manifest {
  name: string;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;
}

const isWorkspace = (version: string) => version.startsWith("workspace:");

/**
 * Every workspace package an app can bundle, with its directory: its `workspace:` dependencies,
 * dev or not, and theirs. Dev ones count because an app bundles its workspace packages from
 * devDependencies (and standalone bundles apps that do the same); the cost of counting a test-only
 * package is at most a file it would not have needed.
 */
export function internalPackages(appDir: string): Map<string, string> {
  const found = new Map<string, string>();
  const visit = (dir: string) => {
    const pkg = readManifest(dir);
    for (const [name, version] of Object.entries({ ...pkg.dependencies, ...pkg.devDependencies })) {
      if (!isWorkspace(version) || found.has(name)) continue;
      const pkgDir = realpathSync(join(dir, "node_modules", name));
      found.set(name, pkgDir);
      visit(pkgDir);
    }
  };
  visit(appDir);
  return found;
}

const entryName = (file: string) => basename(file, extname(file));

/** tsdown configuration of a deployed app: see the file's head. */
export function defineApp(options: AppBuildOptions): UserConfig {
  const cwd = resolve(options.cwd ?? process.cwd());
  const table = options.runtimeFiles ?? RUNTIME_FILES;
  const entry: Record<string, string> = {};
  const add = (name: string, file: string) => {
    if (entry[name] && entry[name] !== file) {
      throw new Error(`two entries would be emitted as dist/${name}.js: ${entry[name]} and ${file}`);
    }
    if (!existsSync(file)) throw new Error(`entry ${file} does not exist`);
    entry[name] = file;
  };
  for (const file of options.entry) add(entryName(file), resolve(cwd, file));
  const copy: { from: string; to: string }[] = [];
  const outDir = resolve(cwd, options.outDir ?? "dist");
  for (const [name, dir] of internalPackages(cwd)) {
    const files = table[name];
    for (const file of files?.entries ?? []) add(entryName(file), join(dir, file));
    for (const asset of files?.assets ?? []) copy.push({ from: join(dir, asset), to: outDir });
  }
  return {
    ...common(cwd, outDir),
    entry,
    platform: "node",
    copy,
    outputOptions: {
      // Shared chunks next to the entries, so `import.meta.url` of any bundled module is dist/.
      chunkFileNames: "[name]-[hash].js",
    },
  };
}

/** tsdown configuration of a published package: src/index.ts to dist/index.js; declarations come from tsc. */
export function defineLibrary(options: { platform: "node" | "neutral"; cwd?: string }): UserConfig {
  const cwd = resolve(options.cwd ?? process.cwd());
  return {
    ...common(cwd, join(cwd, "dist")),
    entry: { index: join(cwd, "src/index.ts") },
    platform: options.platform,
  };
}

function common(cwd: string, outDir: string): UserConfig {
  return {
    cwd,
    outDir,
    format: "esm",
    // What the machines and CI run; images run a newer LTS, which reads the same output.
    target: "node20",
    // `.js` in "type": "module" packages: the worker contract names `parse-worker.js`.
    fixedExtension: false,
    // tsdown's declaration plugin needs TypeScript 5/6; the workspace runs the TypeScript 7 compiler.
    dts: false,
    clean: true,
    sourcemap: true,
    // Third-party packages stay external (installed from the lockfile, visible to scanners, with
    // their own files beside them); only workspace packages, which live outside node_modules, are
    // inlined. A third-party import that is not a dependency of the package fails the build here
    // instead of being bundled by accident.
    deps: { onlyBundle: [] },
    // An import that does not resolve would be left external silently and fail only at run time.
    failOnWarn: true,
    logLevel: "warn",
  };
}
