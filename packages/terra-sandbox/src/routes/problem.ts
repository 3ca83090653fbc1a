import type { Context } from "hono";

const TITLES: Record<number, string> = {
  400: "bad request",
  401: "unauthorized",
  404: "not found",
  429: "too many requests",
  500: "internal server error",
  502: "bad gateway",
  503: "service unavailable",
};

/** RFC 9457 problem details, as Terra's 2026 API answers every 4xx/5xx. */
export function problem(
  c: Context,
  status: number,
  detail: string,
  headers: Record<string, string> = {},
): Response {
  const url = new URL(c.req.url);
  const body = {
    type: "about:blank",
    title: TITLES[status] ?? "error",
    instance: url.pathname + url.search,
    detail,
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/problem+json", ...headers },
  });
}

/** The rate-limit rejection: Terra's body is `{"detail":"rate limit exceeded"}`. */
export function rateLimited(rule: "r1" | "r2", retryAfterSeconds?: number): Response {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "X-Terra-RateLimit-Rule": rule,
  };
  if (retryAfterSeconds !== undefined) headers["Retry-After"] = String(retryAfterSeconds);
  return new Response(JSON.stringify({ detail: "rate limit exceeded" }), { status: 429, headers });
}
