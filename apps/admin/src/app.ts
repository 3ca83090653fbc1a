import { requestId } from "hono/request-id";
import { bearerAuth, requireRoleForWrites } from "./auth.ts";
import type { AppDeps } from "./deps.ts";
import { AppError, onError } from "./errors.ts";
import { httpCache } from "./http-cache.ts";
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
import { seriesRouter } from "./routes/series.ts";
import { statsRouter } from "./routes/stats.ts";
import { usersRouter } from "./routes/users.ts";

export type { AdminToken, AppDeps, Clock, Role, TerraPort } from "./deps.ts";
export { parseAdminTokens } from "./tokens.ts";

/** The admin API. No env reads and no listening here: src/index.ts does that, tests call app.request(). */
export function createApp(deps: AppDeps) {
  const app = newRouter();
  const log = deps.logger.child({ module: "admin" });

  app.use("*", requestId());
  // ETags, 304s and compression for every JSON answer, errors included (ADR 0710).
  app.use("*", httpCache());
  app.use("*", async (c, next) => {
    const started = performance.now();
    c.set("logger", log.child({ requestId: c.get("requestId") }));
    await next();
    // One summary line per request; the token's name, never the token.
    c.get("logger").info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
        token: c.get("token")?.name,
      },
      "request",
    );
  });

  app.route("/", healthRouter(deps));
  mountDocs(app);

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
  app.route("/v1", statsRouter(deps));

  app.notFound(() => {
    throw new AppError("not_found", "no such route");
  });
  app.onError(onError);
  return app;
}

export type AdminApp = ReturnType<typeof createApp>;
