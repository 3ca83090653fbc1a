import { type Context, Hono } from "hono";
import type { SandboxCore } from "../core.ts";
import { dispatchToWebhook } from "../dispatch.ts";
import { athleteFor, type SandboxDataType } from "../generator/index.ts";
import type { DataEndpoint, DataRequest } from "../state.ts";
import { R1_MAX_DAYS, R2_DAYS_PER_HOUR } from "../state.ts";
import { daysBetween, isDate, localDate } from "../time.ts";
import { type SandboxUser, terraUser } from "../users.ts";
import { problem, rateLimited } from "./problem.ts";

const TYPES: readonly SandboxDataType[] = ["activity", "body", "daily", "sleep", "menstruation", "nutrition"];

/** `YYYY-MM-DD` or unix seconds (as the user's local date); null when malformed. */
function parseDateParam(value: string, user: SandboxUser): string | null {
  if (isDate(value)) return value;
  if (/^\d{1,11}$/.test(value)) return localDate(Number(value) * 1000, user.person.timeZone);
  return null;
}

function boolParam(value: string | undefined, fallback: boolean): boolean | null {
  if (value === undefined || value === "") return fallback;
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  return null;
}

export function dataRoutes(core: SandboxCore): Hono {
  const app = new Hono();

  const record = (r: Omit<DataRequest, "at">) => core.state.requests.push({ at: core.now(), ...r });

  /** Injected storm faults, drawn before any real work. */
  function stormFault(c: Context): Response | null {
    if (core.faults.rest5xxRate && core.rng.chance(core.faults.rest5xxRate)) {
      return problem(c, core.rng.pick([500, 502, 503]), "injected server error");
    }
    if (core.faults.rest429Rate && core.rng.chance(core.faults.rest429Rate)) return rateLimited("r2", 1);
    return null;
  }

  for (const type of [...TYPES, "athlete"] as const) {
    app.get(`/${type}`, (c) => {
      const userId = c.req.query("user_id");
      if (!userId) return problem(c, 400, "missing user_id");
      const injected = stormFault(c);
      if (injected) {
        record({
          userId,
          type,
          start: null,
          end: null,
          toWebhook: true,
          withSamples: false,
          status: injected.status,
          days: 0,
          reference: null,
        });
        return injected;
      }
      const user = core.state.getUser(userId);
      if (!user) return problem(c, 404, "user not found");
      const toWebhook = boolParam(c.req.query("to_webhook"), true);
      const withSamples = boolParam(c.req.query("with_samples"), false);
      if (toWebhook === null) return problem(c, 400, "invalid to_webhook");
      if (withSamples === null) return problem(c, 400, "invalid with_samples");
      return type === "athlete" ? athlete(c, user, toWebhook) : data(c, type, user, toWebhook, withSamples);
    });
  }

  function athlete(c: Context, user: SandboxUser, toWebhook: boolean): Response {
    const base = {
      userId: user.user_id,
      type: "athlete" as DataEndpoint,
      start: null,
      end: null,
      toWebhook,
      withSamples: false,
      days: 1,
    };
    const limit = r2Check(user, 1);
    if (limit) {
      record({ ...base, status: 429, days: 0, reference: null });
      return limit;
    }
    const headers = r2Headers(user, 1);
    const doc = athleteFor(user.person);
    if (!toWebhook) {
      record({ ...base, status: 200, reference: null });
      return c.json({ user: terraUser(user), athlete: doc, type: "athlete" }, 200, headers);
    }
    const reference = core.rng.uuid();
    record({ ...base, status: 200, reference });
    core.track(dispatchToWebhook(core, user, "athlete", null, null, reference));
    return c.json(sentBody("athlete", reference, user), 200, { ...headers, "terra-reference": reference });
  }

  function data(
    c: Context,
    type: SandboxDataType,
    user: SandboxUser,
    toWebhook: boolean,
    withSamples: boolean,
  ): Response {
    const startRaw = c.req.query("start_date");
    if (!startRaw) return problem(c, 400, "missing start_date");
    const start = parseDateParam(startRaw, user);
    if (!start) return problem(c, 400, "invalid start_date");
    const endRaw = c.req.query("end_date");
    const end = endRaw ? parseDateParam(endRaw, user) : localDate(core.now(), user.person.timeZone);
    if (!end) return problem(c, 400, "invalid end_date");
    if (end < start) return problem(c, 400, "end_date must not be before start_date");
    const span = daysBetween(start, end);
    const base = { userId: user.user_id, type, start, end, toWebhook, withSamples };
    if (span > R1_MAX_DAYS) {
      record({ ...base, status: 429, days: 0, reference: null });
      return rateLimited("r1");
    }
    // A same-day window still costs one day, as a call without dates does.
    const days = Math.max(1, span);
    const limit = r2Check(user, days);
    if (limit) {
      record({ ...base, status: 429, days: 0, reference: null });
      return limit;
    }
    const headers = r2Headers(user, days);
    const proc = core.state.processing.get(user.user_id);
    if (proc && proc.remaining > 0) {
      proc.remaining--;
      record({ ...base, status: 200, days, reference: null });
      return c.json(
        {
          type: "processing",
          status: "success",
          message: "Request is processing, try again later",
          user: terraUser(user),
          retry_after_seconds: proc.retryAfterSeconds,
        },
        200,
        headers,
      );
    }
    if (!toWebhook) {
      record({ ...base, status: 200, days, reference: null });
      return c.json(
        { user: terraUser(user), data: core.records(user, type, start, end, withSamples), type },
        200,
        headers,
      );
    }
    const reference = core.rng.uuid();
    record({ ...base, status: 200, days, reference });
    const large = start.slice(0, 7) !== end.slice(0, 7);
    core.track(dispatchToWebhook(core, user, type, start, end, reference, withSamples));
    const body = sentBody(type, reference, user);
    if (large)
      body.message =
        "Large request submitted. The data is being processed and will be sent to your destination in chunks";
    return c.json(body, 200, { ...headers, "terra-reference": reference });
  }

  function sentBody(type: string, reference: string, user: SandboxUser): Record<string, unknown> {
    return { status: "success", type, reference, trace_id: reference, user: terraUser(user) };
  }

  function r2Check(user: SandboxUser, days: number): Response | null {
    const now = core.now();
    const { used } = core.state.r2Usage(user.user_id, now);
    if (used + days <= R2_DAYS_PER_HOUR) return null;
    return rateLimited("r2", core.state.r2RetryAfter(user.user_id, days, now));
  }

  /** Charges the r2 budget and returns the success headers. */
  function r2Headers(user: SandboxUser, days: number): Record<string, string> {
    const now = core.now();
    core.state.charge(user.user_id, days, now);
    const { used, resetAfterSeconds } = core.state.r2Usage(user.user_id, now);
    return {
      "X-Terra-RateLimit-Limit": String(R2_DAYS_PER_HOUR),
      "X-Terra-RateLimit-Remaining": String(Math.max(0, R2_DAYS_PER_HOUR - used)),
      "X-Terra-RateLimit-Reset-After": String(resetAfterSeconds),
    };
  }

  return app;
}
