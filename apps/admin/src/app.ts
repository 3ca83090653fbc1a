import { notFound, onError, requestContext } from "@wearables/service-kit/http";
import { bearerAuth, requireRoleForWrites } from "./auth.ts";
import { mountDashboard } from "./dashboard.ts";
import type { AppDeps } from "./deps.ts";
import { httpCache } from "./http-cache.ts";
import { createAdminMetrics } from "./metrics.ts";
import { mountDocs } from "./openapi.ts";
import { recordEtags } from "./record-etags.ts";
import { newRouter } from "./router.ts";
import { backfillRouter } from "./routes/backfill.ts";
import { changesRouter } from "./routes/changes.ts";
import { connectionsRouter } from "./routes/connections.ts";
import { dataRouter } from "./routes/data.ts";
import { healthRouter } from "./routes/health.ts";
import { inboxRouter } from "./routes/inbox.ts";
import { measurementsRouter } from "./routes/measurements.ts";
import { passesRouter } from "./routes/passes.ts";
import { seriesRouter } from "./routes/series.ts";
import { statsRouter } from "./routes/stats.ts";
import { tokenRouter } from "./routes/token.ts";
import { usersRouter } from "./routes/users.ts";

export { DASHBOARD_PATH, resolveDashboardDir } from "./dashboard.ts";
export type { AdminToken, AppDeps, Clock, Role, TerraPort } from "./deps.ts";
export { parseAdminTokens } from "./tokens.ts";

/** The admin API. No env reads and no listening here: src/index.ts does that, tests call app.request(). */
export function createApp(deps: AppDeps) {
  const app = newRouter();
  const metrics = createAdminMetrics(deps);

  app.use("*", requestContext(deps.logger));
  app.use("*", metrics.middleware);
  // ETags, 304s and compression for every JSON answer, errors included (ADR 0710).
  app.use("*", httpCache());
  app.use("*", async (c, next) => {
    const started = performance.now();
    await next();
    // One summary line per request; the token's name, never the token.
    c.get("log").info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        tokenName: c.get("token")?.name,
      },
      "request",
    );
  });

  app.route("/", healthRouter(deps));
  // Public like the health routes (Prometheus scrapes without a token); counts, never values.
  app.get("/metrics", async (c) =>
    c.text(await metrics.registry.metrics(), 200, { "content-type": metrics.registry.contentType }),
  );
  mountDocs(app);
  mountDashboard(app, deps.dashboardDir ?? null);

  app.use("/v1/*", bearerAuth(deps.tokens), requireRoleForWrites());
  app.route("/v1", connectionsRouter(deps));
  app.route("/v1", usersRouter(deps));
  // Before the data routes: `/users/{id}/series` is not a data type, and document reads get their
  // validator before any document is read.
  app.route("/v1", seriesRouter(deps));
  app.use("/v1/users/:id/:type", recordEtags(deps));
  app.route("/v1", dataRouter(deps));
  app.route("/v1", changesRouter(deps));
  app.route("/v1", measurementsRouter(deps));
  app.route("/v1", inboxRouter(deps));
  app.route("/v1", backfillRouter(deps));
  app.route("/v1", passesRouter(deps));
  app.route("/v1", statsRouter(deps));
  app.route("/v1", tokenRouter());

  app.notFound(notFound);
  app.onError(onError);
  return app;
}

export type AdminApp = ReturnType<typeof createApp>;
