import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { clientTypes, DOCUMENT_FILE, openApiDocument, TYPES_FILE } from "./openapi.ts";

const REGENERATE = "run `pnpm --filter @wearables/admin-client generate` and commit the result";

describe("the committed OpenAPI document and client types", () => {
  it("equal what the admin app serves now", async () => {
    const served = await openApiDocument();
    expect(readFileSync(DOCUMENT_FILE, "utf8") === served, `openapi.json is stale: ${REGENERATE}`).toBe(true);
  });

  it("equal the types generated from the committed document", async () => {
    const committed = readFileSync(DOCUMENT_FILE, "utf8");
    const types = await clientTypes(committed);
    expect(readFileSync(TYPES_FILE, "utf8") === types, `src/openapi-types.ts is stale: ${REGENERATE}`).toBe(
      true,
    );
  });

  it("is a change the comparison notices (a route removed from the document)", async () => {
    const doc = JSON.parse(await openApiDocument());
    expect(Object.keys(doc.paths)).toContain("/v1/users");
    delete doc.paths["/v1/users"];
    const types = await clientTypes(JSON.stringify(doc));
    expect(types).not.toEqual(readFileSync(TYPES_FILE, "utf8"));
    expect(types).not.toContain('"/v1/users": {');
  });
});
