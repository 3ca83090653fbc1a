import { createRoute } from "@hono/zod-openapi";
import { ApiHealthSchema } from "@wearables/schemas";
import { migrationsCurrent, ping } from "@wearables/storage";
import type { AppDeps } from "../deps.ts";
import { newRouter } from "../router.ts";

const responses = (ok: string, notOk: string) => ({
  200: { description: ok, content: { "application/json": { schema: ApiHealthSchema } } },
  503: { description: notOk, content: { "application/json": { schema: ApiHealthSchema } } },
});

const healthz = createRoute({
  method: "get",
  path: "/healthz",
  tags: ["health"],
  summary: "Liveness and database reachability",
  security: [],
  responses: responses("Up, database reachable", "Up, database unreachable"),
});

// What the image's HEALTHCHECK and a load balancer probe: as /healthz, and the schema current
// (an instance started against a database another version migrated must not take traffic).
const readyz = createRoute({
  method: "get",
  path: "/readyz",
  tags: ["health"],
  summary: "Readiness: database reachable and every migration applied",
  security: [],
  responses: responses("Ready", "Not ready: database unreachable, or migrations not current"),
});

export function healthRouter(deps: AppDeps) {
  return newRouter()
    .openapi(healthz, async (c) => {
      const up = await ping(deps.db).catch(() => false);
      return up
        ? c.json({ ok: true, database: "up" as const }, 200)
        : c.json({ ok: false, database: "down" as const }, 503);
    })
    .openapi(readyz, async (c) => {
      const up = await ping(deps.db).catch(() => false);
      const current = up && (await migrationsCurrent(deps.db).catch(() => false));
      return current
        ? c.json({ ok: true, database: "up" as const }, 200)
        : c.json({ ok: false, database: up ? ("up" as const) : ("down" as const) }, 503);
    });
}
