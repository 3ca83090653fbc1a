import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./deps.ts";

export const OPENAPI_INFO = {
  title: "Wearables admin API",
  version: "1.0.0",
  description:
    "Users and connections, their data by type and date, coverage, the webhook inbox, backfill jobs " +
    "and stats. Every `/v1` route needs `Authorization: Bearer <token>`; writes need an admin token. " +
    "Errors are `{ error: { code, message, requestId } }`.",
};

/** Registers `/openapi.json` and the reference page `/docs` (public; assets served locally). */
export function mountDocs(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "A token from ADMIN_TOKENS (role read or admin)",
  });
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: OPENAPI_INFO,
    security: [{ bearerAuth: [] }],
  });
  app.get("/docs", (c) => c.html(DOCS_HTML));
  app.get("/docs/assets/:file", (c) => {
    const asset = ASSETS[c.req.param("file")];
    if (!asset) return c.notFound();
    return c.body(new Uint8Array(readAsset(asset.file)), 200, {
      "content-type": asset.type,
      "cache-control": "public, max-age=86400",
    });
  });
}

// Served from node_modules rather than a CDN so the page works on machines without internet.
const ASSETS: Record<string, { file: string; type: string }> = {
  "swagger-ui.css": { file: "swagger-ui.css", type: "text/css; charset=utf-8" },
  "swagger-ui-bundle.js": { file: "swagger-ui-bundle.js", type: "text/javascript; charset=utf-8" },
};

const cache = new Map<string, Buffer>();
function readAsset(file: string): Buffer {
  let buf = cache.get(file);
  if (!buf) {
    const dir = dirname(createRequire(import.meta.url).resolve("swagger-ui-dist/package.json"));
    buf = readFileSync(join(dir, file));
    cache.set(file, buf);
  }
  return buf;
}

const DOCS_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${OPENAPI_INFO.title}</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script>
window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", persistAuthorization: true });
</script>
</body>
</html>`;
