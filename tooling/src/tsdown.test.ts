import { execFileSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "tsdown";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineApp, internalPackages, RUNTIME_FILES } from "./tsdown.ts";

const REPO = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

// A workspace in miniature: an internal package that starts a worker thread relative to its own
// module (the contract of packages/ingest) and reads a folder of its own, and an app with two
// entries that both use it, so the shared code lands in a chunk rather than in an entry.
const root = mkdtempSync(join(tmpdir(), "tooling-tsdown-"));
const app = join(root, "apps", "demo");
const write = (file: string, text: string) => {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
};

beforeAll(async () => {
  const lib = join(root, "packages", "lib");
  write(
    join(lib, "package.json"),
    JSON.stringify({ name: "@fx/lib", type: "module", exports: { ".": "./src/index.ts" } }),
  );
  write(
    join(lib, "src", "index.ts"),
    `import { Worker } from "node:worker_threads";
export function double(n: number): Promise<number> {
  const file = import.meta.url.endsWith(".ts") ? "./double-worker.ts" : "./double-worker.js";
  const worker = new Worker(new URL(file, import.meta.url), { workerData: n });
  return new Promise((resolve, reject) => {
    worker.once("message", (m: number) => { resolve(m); void worker.terminate(); });
    worker.once("error", reject);
  });
}
`,
  );
  write(
    join(lib, "src", "double-worker.ts"),
    `import { parentPort, workerData } from "node:worker_threads";
parentPort!.postMessage((workerData as number) * 2);
`,
  );
  write(join(lib, "data", "note.txt"), "kept beside the bundle\n");
  write(
    join(app, "package.json"),
    JSON.stringify({ name: "@fx/demo", type: "module", devDependencies: { "@fx/lib": "workspace:*" } }),
  );
  mkdirSync(join(app, "node_modules", "@fx"), { recursive: true });
  symlinkSync(lib, join(app, "node_modules", "@fx", "lib"), "dir");
  write(join(app, "src", "index.ts"), `import { double } from "@fx/lib";\nconsole.log(await double(21));\n`);
  write(
    join(app, "src", "processor.ts"),
    `import { double } from "@fx/lib";\nconsole.log(await double(50));\n`,
  );

  const config = defineApp({
    cwd: app,
    entry: ["src/index.ts", "src/processor.ts"],
    runtimeFiles: { "@fx/lib": { entries: ["src/double-worker.ts"], assets: ["data"] } },
  });
  await build({ ...config, config: false });
}, 60_000);

afterAll(() => rmSync(root, { recursive: true, force: true }));

const run = (file: string) => execFileSync(process.execPath, [join(app, "dist", file)], { encoding: "utf8" });

describe("defineApp", () => {
  it("emits every entry, and the worker of a bundled package, at the root of dist/", () => {
    for (const f of ["index.js", "processor.js", "double-worker.js"]) {
      expect(existsSync(join(app, "dist", f)), f).toBe(true);
    }
    // The code both entries share is in a chunk of its own, also at the root.
    expect(readdirSync(join(app, "dist")).filter((f) => f.endsWith(".js")).length).toBeGreaterThan(3);
  });

  it("runs both entries with node, each starting the worker next to the bundle", () => {
    expect(run("index.js").trim()).toBe("42");
    expect(run("processor.js").trim()).toBe("100");
  });

  it("copies the folders a bundled package reads to dist/", () => {
    expect(readFileSync(join(app, "dist", "data", "note.txt"), "utf8")).toBe("kept beside the bundle\n");
  });

  it("refuses an entry that does not exist and two entries with one output name", () => {
    expect(() => defineApp({ cwd: app, entry: ["src/nope.ts"] })).toThrow(/does not exist/);
    write(join(app, "bin", "index.ts"), "export {};\n");
    expect(() => defineApp({ cwd: app, entry: ["src/index.ts", "bin/index.ts"] })).toThrow(/dist\/index\.js/);
  });
});

describe("internalPackages", () => {
  it("finds workspace packages through apps that bundle them from devDependencies", () => {
    const found = internalPackages(join(REPO, "apps", "standalone"));
    for (const name of [
      "@wearables/webhook",
      "@wearables/ingest",
      "@wearables/storage",
      "@wearables/schemas",
    ]) {
      expect(found.has(name), name).toBe(true);
    }
    expect(found.get("@wearables/storage")).toBe(join(REPO, "packages", "storage"));
  });
});

describe("the repository's build settings", () => {
  it("names only files that exist in RUNTIME_FILES", () => {
    const dirs = internalPackages(join(REPO, "apps", "standalone"));
    for (const [name, files] of Object.entries(RUNTIME_FILES)) {
      const dir = dirs.get(name);
      expect(dir, name).toBeDefined();
      for (const f of [...(files.entries ?? []), ...(files.assets ?? [])]) {
        expect(existsSync(join(dir!, f)), `${name}: ${f}`).toBe(true);
      }
    }
  });
});
