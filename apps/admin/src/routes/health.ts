import { createRoute } from "@hono/zod-openapi";
import { ApiHealthSchema } from "@wearables/schemas";
import { ping } from "@wearables/storage";
import type { AppDeps } from "../deps.ts";
import { newRouter } from "../router.ts";

const healthz = createRoute({
  method: "get",
  path: "/healthz",
  tags: ["health"],
  summary: "Liveness and database reachability",
  security: [],
  responses: {
    200: {
      description: "Up, database reachable",
      content: { "application/json": { schema: ApiHealthSchema } },
    },
    503: {
      description: "Up, database unreachable",
      content: { "application/json": { schema: ApiHealthSchema } },
    },
  },
});

export function healthRouter(deps: AppDeps) {
  return newRouter().openapi(healthz, async (c) => {
    const up = await ping(deps.db).catch(() => false);
    return up
      ? c.json({ ok: true, database: "up" as const }, 200)
      : c.json({ ok: false, database: "down" as const }, 503);
  });
}
