// Writes json-schema/<Name>.json for every model, event and REST body, and json-schema/index.json
// listing them (`pnpm json-schema`).
// The folder is shipped in the package; src/json-schema.test.ts fails when it is stale.
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { JSON_SCHEMA_FILES, renderJsonSchemaFile, renderJsonSchemaIndex } from "../src/json-schema.ts";

const outDir = join(dirname(fileURLToPath(import.meta.url)), "..", "json-schema");
mkdirSync(outDir, { recursive: true });
for (const f of readdirSync(outDir)) if (f.endsWith(".json")) rmSync(join(outDir, f));
for (const name of JSON_SCHEMA_FILES) writeFileSync(join(outDir, `${name}.json`), renderJsonSchemaFile(name));
writeFileSync(join(outDir, "index.json"), renderJsonSchemaIndex());
console.log(`wrote ${JSON_SCHEMA_FILES.length} JSON Schema files and index.json to ${outDir}`);
