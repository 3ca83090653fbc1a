// The admin API's OpenAPI document and the client's types, as text: what `generate` writes and what
// the drift test compares with the committed files.
import { fileURLToPath } from "node:url";
import { createApp } from "@wearables/admin";
import type { Db } from "@wearables/storage";
import openapiTS, { astToString } from "openapi-typescript";
import pino from "pino";

export const DOCUMENT_FILE = fileURLToPath(new URL("../openapi.json", import.meta.url));
export const TYPES_FILE = fileURLToPath(new URL("../src/openapi-types.ts", import.meta.url));

/** Serving the document touches neither the database nor Terra: both refuse to be used. */
const unused = new Proxy({} as never, {
  get(_, prop) {
    throw new Error(`the OpenAPI document must not need deps (it read ${String(prop)})`);
  },
});

/** The document exactly as the admin app serves it at /openapi.json, pretty-printed. */
export async function openApiDocument(): Promise<string> {
  const app = createApp({
    db: unused as Db,
    terra: unused,
    logger: pino({ level: "silent" }),
    clock: { now: () => new Date(0) },
    tokens: [],
  });
  const res = await app.request("/openapi.json");
  if (res.status !== 200) throw new Error(`/openapi.json answered ${res.status}`);
  return `${JSON.stringify(await res.json(), null, 2)}\n`;
}

const HEADER = `// Generated from openapi.json by \`pnpm --filter @wearables/admin-client generate\`; do not edit.\n`;

/** The paths and components of the document as TypeScript types (openapi-typescript). */
export async function clientTypes(document: string): Promise<string> {
  const ast = await openapiTS(JSON.parse(document), { alphabetize: true, exportType: false });
  return HEADER + astToString(ast);
}
