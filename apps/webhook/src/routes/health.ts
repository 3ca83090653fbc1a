import { type Db, migrationsCurrent, ping } from "@wearables/storage";
import { Hono } from "hono";
import type { AppEnv } from "../app.ts";
import { errorBody } from "../errors.ts";
import type { Metrics } from "../metrics.ts";

/** Liveness, readiness (database reachable and migrated) and Prometheus metrics. */
export function healthRoutes(deps: { db: Db; metrics: Metrics }) {
  const router = new Hono<AppEnv>();

  router.get("/healthz", (c) => c.json({ status: "ok" }));

  router.get("/readyz", async (c) => {
    const reachable = await ping(deps.db);
    const migrated = reachable ? await migrationsCurrent(deps.db).catch(() => false) : false;
    if (reachable && migrated) return c.json({ status: "ready", database: "ok", migrations: "current" });
    const reason = reachable ? "migrations are not current" : "database unreachable";
    return c.json(errorBody("database_unavailable", reason, c.get("requestId")), 503);
  });

  router.get("/metrics", async (c) =>
    c.text(await deps.metrics.render(), 200, { "content-type": deps.metrics.contentType }),
  );

  return router;
}
