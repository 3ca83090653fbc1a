import { Hono } from "hono";
import type { SandboxCore } from "../core.ts";
import { authSuccessEvent, deauthEvent } from "../events.ts";
import { utcTimestamp } from "../time.ts";
import { makePerson, makeUser, type SandboxUser } from "../users.ts";
import { problem } from "./problem.ts";

export const ENABLED_PROVIDERS = ["WITHINGS"] as const;

async function jsonBody(c: { req: { text(): Promise<string> } }): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (!text) return {};
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** A new connection: the next synthetic person, with the caller's reference_id. */
export function connectNewUser(core: SandboxCore, referenceId: string | null): SandboxUser {
  const index = core.state.allocateIndex();
  const u = makeUser(core.seed, makePerson(core.seed, index), 0, utcTimestamp(core.now()));
  u.reference_id = referenceId;
  core.state.users.set(u.user_id, u);
  return u;
}

export function authRoutes(core: SandboxCore): Hono {
  const app = new Hono();

  app.post("/auth/generateWidgetSession", async (c) => {
    const body = await jsonBody(c);
    const providers =
      typeof body.providers === "string" ? body.providers.split(",").map((s) => s.trim()) : null;
    if (providers && !providers.some((p) => p.toUpperCase() === "WITHINGS")) {
      return problem(c, 400, "no enabled provider in providers");
    }
    const sessionId = core.rng.uuid();
    const referenceId = typeof body.reference_id === "string" ? body.reference_id : null;
    // The sandbox plays the end user too: the widget flow completes at once and Terra posts `auth`.
    const u = connectNewUser(core, referenceId);
    core.emit(authSuccessEvent(u, sessionId));
    return c.json({
      status: "success",
      session_id: sessionId,
      url: `https://widget.tryterra.co/session/${sessionId}`,
      expires_in: 900,
    });
  });

  app.post("/auth/authenticateUser", async (c) => {
    const resource = c.req.query("resource");
    if (!resource) return problem(c, 400, "missing resource");
    if (resource.toUpperCase() !== "WITHINGS") return problem(c, 404, `unknown resource ${resource}`);
    const body = await jsonBody(c);
    const u = connectNewUser(core, typeof body.reference_id === "string" ? body.reference_id : null);
    core.emit(authSuccessEvent(u));
    return c.json({
      status: "success",
      user_id: u.user_id,
      auth_url: `https://account.withings.com/oauth2_user/authorize2?response_type=code&state=${u.user_id}`,
    });
  });

  app.delete("/auth/deauthenticateUser", (c) => {
    const userId = c.req.query("user_id");
    if (!userId) return problem(c, 400, "missing user_id");
    const u = core.state.getUser(userId);
    if (!u) return problem(c, 404, "user not found");
    core.state.users.delete(userId);
    u.active = false;
    core.emit(deauthEvent(u));
    return c.json({ status: "success" });
  });

  app.post("/auth/generateAuthToken", (c) =>
    c.json({ status: "success", token: core.rng.uuid().replaceAll("-", ""), expires_in: 180 }),
  );

  return app;
}
