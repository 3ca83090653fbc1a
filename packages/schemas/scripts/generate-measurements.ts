// Writes measurements.json (shipped in the package) and the catalog table in the repository README
// (`pnpm --filter @wearables/schemas measurements`). src/measurements/render.test.ts fails when
// either is stale.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { renderCatalogJson, withCatalogTable } from "../src/measurements/render.ts";

const pkg = join(dirname(fileURLToPath(import.meta.url)), "..");
writeFileSync(join(pkg, "measurements.json"), renderCatalogJson());
const readme = join(pkg, "..", "..", "README.md");
writeFileSync(readme, withCatalogTable(readFileSync(readme, "utf8")));
console.log("wrote measurements.json and the README's measurement table");
