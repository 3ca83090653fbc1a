import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, harness, type Json, json } from "./test-app.ts";

let h: Harness;
let doc: Json;
beforeAll(async () => {
  h = await harness();
  const res = await h.call("GET", "/openapi.json", { token: null });
  expect(res.status).toBe(200);
  doc = await json(res);
});
afterAll(() => h.close().catch(() => {}));

const METHODS = ["get", "post", "put", "patch", "delete"];

/** Every `$ref` anywhere in the document. */
function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) refs(n, out);
  else if (node && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else refs(v, out);
    }
  }
  return out;
}

describe("the served OpenAPI document", () => {
  it("is public and structurally valid OpenAPI 3.1", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info.title).toBeTruthy();
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    for (const [path, item] of Object.entries<Json>(doc.paths)) {
      expect(path.startsWith("/")).toBe(true);
      // Path templates and declared path parameters must match one to one.
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      for (const method of Object.keys(item)) {
        expect(METHODS, `${method} ${path}`).toContain(method);
        const op = item[method];
        expect(Object.keys(op.responses).length, `${method} ${path} responses`).toBeGreaterThan(0);
        const declared = (op.parameters ?? []).filter((p: Json) => p.in === "path").map((p: Json) => p.name);
        expect(declared.sort(), `${method} ${path} path params`).toEqual(templated);
        for (const p of op.parameters ?? []) expect(["path", "query", "header"]).toContain(p.in);
      }
    }
  });

  it("resolves every $ref to a component", () => {
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(0);
    for (const ref of all) {
      const [, section, name] = /^#\/components\/(\w+)\/(.+)$/.exec(ref) ?? [];
      expect(doc.components?.[section ?? ""]?.[name ?? ""], ref).toBeDefined();
    }
  });

  it("lists every route the app serves, and shares the error model on /v1 routes", () => {
    const served = h.app.routes
      .filter((r) => r.method !== "ALL" && (r.path.startsWith("/v1/") || r.path === "/healthz"))
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`);
    expect(served.length).toBeGreaterThanOrEqual(15);
    for (const route of new Set(served)) {
      const [method, path] = route.split(" ") as [string, string];
      const op = doc.paths[path]?.[method];
      expect(op, route).toBeDefined();
      if (path.startsWith("/v1/")) {
        expect(op.responses["401"].content["application/json"].schema.$ref).toBe(
          "#/components/schemas/Error",
        );
      } else {
        expect(op.security).toEqual([]);
      }
    }
  });

  it("documents the bodies by name", () => {
    for (const name of [
      "Error",
      "User",
      "UserDetail",
      "RecordPage",
      "DaySummaryList",
      "EventDetail",
      "BackfillJob",
      "Stats",
    ]) {
      expect(doc.components.schemas[name], name).toBeDefined();
    }
    expect(doc.components.schemas.Error.properties.error.properties.code.enum).toContain("invalid_request");
  });
});

describe("public pages", () => {
  it("serves the reference page with its assets locally", async () => {
    const page = await h.call("GET", "/docs", { token: null });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("/openapi.json");
    for (const src of html.matchAll(/(?:src|href)="(\/docs\/assets\/[^"]+)"/g)) {
      const asset = await h.call("GET", src[1]!, { token: null });
      expect(asset.status, src[1]).toBe(200);
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(1000);
    }
    expect((await h.call("GET", "/docs/assets/../package.json", { token: null })).status).toBe(404);
  });

  it("answers /healthz without a token", async () => {
    const res = await h.call("GET", "/healthz", { token: null });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ ok: true, database: "up" });
  });

  it("answers an unknown route with the error model", async () => {
    const res = await h.call("GET", "/v1/nope");
    expect(res.status).toBe(404);
    expect((await json(res)).error.code).toBe("not_found");
  });

  // Last in the file: it closes the database.
  it("answers /healthz with 503 when the database is unreachable", async () => {
    await h.db.close();
    const res = await h.call("GET", "/healthz", { token: null });
    expect(res.status).toBe(503);
    expect(await json(res)).toEqual({ ok: false, database: "down" });
  });
});
