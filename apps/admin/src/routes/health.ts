import { createRoute, z } from "@hono/zod-openapi";
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
      content: {
        "application/json": { schema: z.object({ ok: z.literal(true), database: z.literal("up") }) },
      },
    },
    503: {
      description: "Up, database unreachable",
      content: {
        "application/json": { schema: z.object({ ok: z.literal(false), database: z.literal("down") }) },
      },
    },
  },
});

export function healthRouter(deps: AppDeps) {
  return newRouter().openapi(healthz, async (c) => {
    const up = await ping(deps.db).catch(() => false);
    return up
      ? c.json({ ok: true as const, database: "up" as const }, 200)
      : c.json({ ok: false as const, database: "down" as const }, 503);
  });
}
