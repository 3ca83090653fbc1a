import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SMOKE_APPS, startCommand } from "./smoke.ts";

const REPO = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const built = readdirSync(join(REPO, "apps")).filter((a) =>
  existsSync(join(REPO, "apps", a, "tsdown.config.ts")),
);
const manifest = (app: string) =>
  JSON.parse(readFileSync(join(REPO, "apps", app, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
    dependencies?: Record<string, string>;
    files?: string[];
  };

describe("startCommand", () => {
  it("reads the node flags and the entry of a start script", () => {
    expect(startCommand('node --max-semi-space-size=4 dist/index.js run --every "*/15 * * * *"')).toEqual({
      flags: ["--max-semi-space-size=4"],
      entry: "dist/index.js",
    });
    expect(startCommand("node dist/index.js")).toEqual({ flags: [], entry: "dist/index.js" });
  });

  it("refuses a start script that does not run node dist/…", () => {
    expect(() => startCommand("tsx src/index.ts")).toThrow(/node dist/);
    expect(() => startCommand("node --import tsx src/index.ts")).toThrow(/node dist/);
  });
});

describe("every app with a build", () => {
  it("is started by the CI check", () => {
    expect(built.length).toBeGreaterThanOrEqual(4);
    expect(Object.keys(SMOKE_APPS).sort()).toEqual([...built].sort());
  });

  it.each(built)("%s: start runs node dist/…, and what is bundled is not a production dependency", (app) => {
    const pkg = manifest(app);
    expect(() => startCommand(pkg.scripts.start!)).not.toThrow();
    expect(pkg.scripts.build).toBe("tsdown");
    expect(pkg.files).toEqual(["dist"]);
    // Workspace packages are inlined (devDependencies); tsx is a development tool.
    const prod = Object.keys(pkg.dependencies ?? {});
    expect(prod.filter((d) => d.startsWith("@wearables/") || d === "tsx")).toEqual([]);
  });
});
