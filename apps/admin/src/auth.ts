import { createHash, timingSafeEqual } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { AdminToken, AppEnv, Role } from "./deps.ts";
import { AppError } from "./errors.ts";

const digest = (s: string): Buffer => createHash("sha256").update(s, "utf8").digest();

/**
 * Finds the token's owner without leaking, through timing, how much of a token matched or which
 * one: both sides are hashed to equal lengths, and every configured token is compared.
 */
export function matchToken(tokens: readonly AdminToken[], presented: string): AdminToken | undefined {
  const given = digest(presented);
  let found: AdminToken | undefined;
  for (const t of tokens) {
    if (timingSafeEqual(digest(t.token), given) && found === undefined) found = t;
  }
  return found;
}

/** 401 without a valid bearer token; puts `{ name, role }` on the context for audit and roles. */
export function bearerAuth(tokens: readonly AdminToken[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header("authorization") ?? "";
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const token = m?.[1] ? matchToken(tokens, m[1]) : undefined;
    if (!token) {
      c.header("www-authenticate", 'Bearer realm="admin"');
      throw new AppError("unauthorized", m ? "invalid bearer token" : "missing bearer token");
    }
    c.set("token", { name: token.name, role: token.role });
    await next();
  };
}

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Writes need the admin role. Keyed on the method rather than per route, so a new write route
 * cannot be added without the check.
 */
export function requireRoleForWrites(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (WRITE_METHODS.has(c.req.method) && c.get("token").role !== ("admin" satisfies Role)) {
      throw new AppError("forbidden", "this token has the read role; writes need an admin token");
    }
    await next();
  };
}
