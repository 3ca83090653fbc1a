import { Hono } from "hono";
import { PING_EXPIRES_SECONDS, type SandboxCore } from "./core.ts";
import { authRoutes } from "./routes/auth.ts";
import { dataRoutes } from "./routes/data.ts";
import { problem } from "./routes/problem.ts";
import { userRoutes } from "./routes/users.ts";

/**
 * Terra's REST API as a Hono app. Routes answer at the root, under `/v2` and under `/api/v2`, so a
 * client's base URL can be `http://host:port`, `…/v2` (api.tryterra.co) or `…/api/v2` (SPEC26).
 */
export function createSandboxApp(core: SandboxCore): Hono {
  const api = new Hono();
  api.use("*", async (c, next) => {
    // /integrations is public in Terra's spec (`security: []`).
    if (c.req.path.endsWith("/integrations")) return next();
    const devId = c.req.header("dev-id");
    const apiKey = c.req.header("x-api-key");
    if (!devId || !apiKey) return problem(c, 401, "dev-id or x-api-key headers are missing");
    if (devId !== core.devId || apiKey !== core.apiKey) return problem(c, 401, "invalid dev-id or x-api-key");
    return next();
  });
  api.route("/", authRoutes(core));
  api.route("/", userRoutes(core));
  api.route("/", dataRoutes(core));

  const app = new Hono();
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  // Ping mode's "bucket": no Terra auth (a pre-signed URL), 400 once expired, as S3 answers.
  app.get("/_s3/:file", (c) => {
    const stored = core.payloads.get(c.req.param("file").replace(/\.json$/, ""));
    if (!stored) return c.text("NoSuchKey", 404);
    if (core.now() - stored.createdAt > PING_EXPIRES_SECONDS * 1000) {
      return c.body("<Error><Code>ExpiredToken</Code><Message>Request has expired</Message></Error>", 400, {
        "content-type": "application/xml",
      });
    }
    return c.body(stored.body, 200, { "content-type": "application/json" });
  });
  app.route("/v2", api);
  // SPEC26's server URL is access.tryterra.co/api/v2.
  app.route("/api/v2", api);
  app.route("/", api);
  app.notFound((c) => problem(c, 404, "no such endpoint"));
  app.onError((err, c) => problem(c, 500, err.message));
  return app;
}
