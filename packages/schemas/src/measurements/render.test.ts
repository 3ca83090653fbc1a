import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { MEASUREMENT_CATALOG } from "./catalog/index.ts";
import { renderCatalogJson, withCatalogTable } from "./render.ts";

const pkg = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

describe("generated catalog files (run `pnpm --filter @wearables/schemas measurements` if stale)", () => {
  it("measurements.json is current and lists every measurement", () => {
    const text = readFileSync(join(pkg, "measurements.json"), "utf8");
    expect(text).toBe(renderCatalogJson());
    expect(JSON.parse(text).measurements.map((m: { name: string }) => m.name)).toEqual(
      MEASUREMENT_CATALOG.map((m) => m.name),
    );
  });

  it("the README's measurement table is current", () => {
    const readme = readFileSync(join(pkg, "..", "..", "README.md"), "utf8");
    expect(readme).toBe(withCatalogTable(readme));
    for (const m of MEASUREMENT_CATALOG) expect(readme).toMatch(new RegExp(`\\| \`${m.name}\` +\\|`));
  });
});
