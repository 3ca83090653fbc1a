// `pnpm --filter @wearables/admin-client generate`: rewrites openapi.json from the admin app, then
// the client's types from it. One step, so the two cannot be regenerated apart.
import { writeFileSync } from "node:fs";
import { clientTypes, DOCUMENT_FILE, openApiDocument, TYPES_FILE } from "./openapi.ts";

const document = await openApiDocument();
writeFileSync(DOCUMENT_FILE, document);
writeFileSync(TYPES_FILE, await clientTypes(document));
process.stdout.write(`wrote ${DOCUMENT_FILE} and ${TYPES_FILE}\n`);
