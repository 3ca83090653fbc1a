// The dashboard's built files (apps/dashboard/dist), served under /dashboard/ so that the pages and
// the API share one origin: no CORS, and the same bearer token.
import { existsSync, readFileSync } from "node:fs";
import { extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./deps.ts";
import { AppError } from "./errors.ts";

export const DASHBOARD_PATH = "/dashboard";

/** Where `pnpm --filter @wearables/dashboard build` writes, in this repository. */
export const DEFAULT_DASHBOARD_DIR = fileURLToPath(new URL("../../dashboard/dist", import.meta.url));

/**
 * The folder to serve: DASHBOARD_DIR, else the repository's build output; `off` (or a folder without
 * an index.html, e.g. nothing built yet) serves nothing.
 */
export function resolveDashboardDir(setting: string | undefined): string | null {
  if (setting === "off") return null;
  const dir = resolve(setting || DEFAULT_DASHBOARD_DIR);
  return existsSync(join(dir, "index.html")) ? dir : null;
}

// Scripts, styles and API calls from this origin only; uPlot and Preact set styles through the
// CSSOM, which style-src does not govern. No framing (clickjacking of the write actions).
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".txt": "text/plain; charset=utf-8",
};

/**
 * Mounts the dashboard at /dashboard/. Files under assets/ carry a content hash in their name and
 * are cached for a year; index.html is revalidated on every load so a deploy shows at once.
 */
export function mountDashboard(app: OpenAPIHono<AppEnv>, dir: string | null): void {
  app.get(DASHBOARD_PATH, (c) => c.redirect(`${DASHBOARD_PATH}/`, 301));
  app.get(`${DASHBOARD_PATH}/*`, (c) => {
    if (dir === null) {
      throw new AppError(
        "not_found",
        "the dashboard is not served here: build it (pnpm --filter @wearables/dashboard build) or set DASHBOARD_DIR",
      );
    }
    const rel = decodeSafe(c.req.path.slice(DASHBOARD_PATH.length + 1)) || "index.html";
    const file = resolve(dir, rel);
    const type = TYPES[extname(file)];
    if (!file.startsWith(dir + sep) || !type || !existsSync(file)) {
      throw new AppError("not_found", "no such dashboard file");
    }
    const immutable = rel.startsWith("assets/");
    return c.body(new Uint8Array(readFileSync(file)), 200, {
      "content-type": type,
      "cache-control": immutable ? "public, max-age=31536000, immutable" : "no-cache",
      "content-security-policy": DASHBOARD_CSP,
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
      "x-frame-options": "DENY",
    });
  });
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return "\u0000";
  }
}
