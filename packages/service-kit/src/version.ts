import { readFileSync } from "node:fs";

/**
 * The version of the package a module belongs to, for build_info: `../package.json` from the
 * module, which is the package's manifest both from source (`src/index.ts`) and compiled
 * (`dist/index.js`, and the deployed folder keeps package.json beside dist/). "unknown" if absent.
 */
export function packageVersion(moduleUrl: string): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", moduleUrl), "utf8")) as {
      version?: unknown;
    };
    return typeof pkg.version === "string" && pkg.version ? pkg.version : "unknown";
  } catch {
    return "unknown";
  }
}
