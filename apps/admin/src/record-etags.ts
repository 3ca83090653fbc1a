// Validators for the routes that return whole documents (GET /v1/users/{id}/{type} and the per-day
// summary), known before a single document is read: the records' fingerprint (ids and revisions in
// the range, from the rows' small columns). A matching If-None-Match is answered 304 at once; any
// other request goes on to the route, which answers with this ETag (ADR 0710).
import { createHash } from "node:crypto";
import { ApiSeriesDateSchema, ApiTextIdSchema, type DataType, isDataType } from "@wearables/schemas";
import { recordsFingerprint } from "@wearables/storage";
import type { MiddlewareHandler } from "hono";
import type { AppDeps, AppEnv } from "./deps.ts";
import { ifNoneMatchHits } from "./http-cache.ts";

const SUMMARY_TYPES: DataType[] = ["daily", "body", "sleep"];

/** Mount on `/v1/users/:id/:type`, after authentication and before the data routes. */
export function recordEtags(deps: Pick<AppDeps, "db">): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== "GET" && c.req.method !== "HEAD") return next();
    const type = c.req.param("type") ?? "";
    const types = type === "summary" ? SUMMARY_TYPES : isDataType(type) ? [type] : null;
    const id = ApiTextIdSchema.safeParse(c.req.param("id"));
    const start = c.req.query("start_date");
    const end = c.req.query("end_date");
    const datesOk = [start, end].every((d) => d === undefined || ApiSeriesDateSchema.safeParse(d).success);
    // Anything the route will refuse is left to the route (and its 400).
    if (!types || !id.success || !datesOk) return next();
    let fingerprint: string;
    try {
      fingerprint = await recordsFingerprint(deps.db, {
        userId: id.data,
        types,
        startDate: start,
        endDate: end,
      });
    } catch {
      return next(); // the route reports the database's state itself
    }
    const url = new URL(c.req.url);
    const etag = `W/"r${createHash("sha1").update(`${url.pathname}?${url.search}\n${fingerprint}`).digest("base64url").slice(0, 22)}"`;
    if (ifNoneMatchHits(c.req.header("if-none-match"), etag)) {
      return c.body(null, 304, { etag, vary: "Accept-Encoding" });
    }
    await next();
    if (c.res.status === 200) c.res.headers.set("etag", etag);
  };
}
