import { Hono } from "hono";
import type { SandboxCore } from "../core.ts";
import { terraUser } from "../users.ts";
import { ENABLED_PROVIDERS } from "./auth.ts";
import { problem } from "./problem.ts";

const ALL_PROVIDERS = ["APPLE", "FITBIT", "GARMIN", "GOOGLE", "OURA", "POLAR", "SUUNTO", "WAHOO", "WITHINGS"];

export function userRoutes(core: SandboxCore): Hono {
  const app = new Hono();

  app.get("/userInfo", (c) => {
    const userId = c.req.query("user_id");
    const referenceId = c.req.query("reference_id");
    if (userId) {
      const u = core.state.getUser(userId);
      if (!u) return problem(c, 404, "user not found");
      return c.json({
        user: { ...terraUser(u), last_polled_at: null, most_recent_data_at: null },
        status: "success",
        is_authenticated: true,
      });
    }
    if (referenceId !== undefined) return c.json(core.state.usersByReference(referenceId).map(terraUser));
    return problem(c, 400, "user_id or reference_id is required");
  });

  app.get("/subscriptions", (c) => {
    const all = [...core.state.users.values()].map(terraUser);
    const page = c.req.query("page");
    if (page === undefined) return c.json({ users: all });
    const perPage = Number(c.req.query("per_page") ?? 500);
    const n = Number(page);
    if (!Number.isInteger(n) || n < 0 || !Number.isInteger(perPage) || perPage < 1) {
      return problem(c, 400, "invalid page or per_page");
    }
    const maxPage = Math.max(0, Math.ceil(all.length / perPage) - 1);
    return c.json({
      data: {
        next: n < maxPage ? n + 1 : null,
        max_page: maxPage,
        results: all.slice(n * perPage, (n + 1) * perPage),
      },
    });
  });

  app.post("/bulkUserInfo", async (c) => {
    const ids = (await c.req.json().catch(() => null)) as unknown;
    if (!Array.isArray(ids)) return problem(c, 400, "body must be an array of user ids");
    return c.json(
      ids.flatMap((id) => {
        const u = typeof id === "string" ? core.state.getUser(id) : undefined;
        return u ? [terraUser(u)] : [];
      }),
    );
  });

  // Public: with a dev-id, the developer's enabled providers; without, every provider.
  app.get("/integrations", (c) =>
    c.json({
      status: "success",
      providers: c.req.header("dev-id") ? [...ENABLED_PROVIDERS] : ALL_PROVIDERS,
      sdk_providers: [],
    }),
  );

  return app;
}
