import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { describe, expect, it } from "vitest";
import { AppError } from "../app-error.ts";
import { createLogger } from "../logger.ts";
import { notFound, onError } from "./on-error.ts";
import { type RequestEnv, requestContext } from "./request-context.ts";

function app() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    service: "test",
    level: "debug",
    destination: { write: (s: string) => void lines.push(JSON.parse(s)) },
  });
  const a = new Hono<RequestEnv>();
  a.use(requestContext(logger));
  a.get("/ok", (c) => {
    c.get("log").info("handled");
    return c.json({ id: c.get("requestId") });
  });
  a.get("/bad", () => {
    throw new AppError("invalid_request", "invalid query.x: too big", {
      issues: [{ field: "query.x", message: "too big" }],
    });
  });
  a.get("/busy", () => {
    throw new AppError("overloaded", "not accepted; retry later", { retryAfterSeconds: 1 });
  });
  a.get("/boom", () => {
    throw new Error("Failed query: insert … params: 71.3,secret-value");
  });
  a.get("/hono", () => {
    throw new HTTPException(400, { message: "Malformed JSON in request body" });
  });
  a.notFound(notFound);
  a.onError(onError);
  return { a, lines };
}

describe("requestContext", () => {
  it("keeps a sane incoming x-request-id and puts it on the answer and every log line", async () => {
    const { a, lines } = app();
    const res = await a.request("/ok", { headers: { "x-request-id": "lb-7f3a.01:2" } });
    expect(res.headers.get("x-request-id")).toBe("lb-7f3a.01:2");
    expect(await res.json()).toEqual({ id: "lb-7f3a.01:2" });
    expect(lines.find((l) => l.msg === "handled")).toMatchObject({ requestId: "lb-7f3a.01:2" });
  });

  it.each([
    ["a log injection", 'x" {"level":60}'],
    ["an overlong id", "a".repeat(129)],
    ["an empty id", ""],
    ["spaces", "two words"],
  ])("replaces %s by a fresh UUID", async (_what, incoming) => {
    const { a } = app();
    const res = await a.request("/ok", { headers: { "x-request-id": incoming } });
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("onError", () => {
  it("answers a 4xx with the shared body and issues, and logs it below error level", async () => {
    const { a, lines } = app();
    const res = await a.request("/bad");
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: Record<string, unknown> };
    expect(body.error).toEqual({
      code: "invalid_request",
      message: "invalid query.x: too big",
      requestId: res.headers.get("x-request-id"),
      issues: [{ field: "query.x", message: "too big" }],
    });
    expect(lines.filter((l) => Number(l.level) >= 50)).toEqual([]);
    expect(lines.find((l) => l.code === "invalid_request")?.level).toBe(20);
  });

  it("logs an unknown error as an error with the reduced error and its stack under err, answers a bare 500", async () => {
    const { a, lines } = app();
    const res = await a.request("/boom");
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: unknown }).error).toMatchObject({
      code: "internal_error",
      message: "internal error",
    });
    const line = lines.find((l) => l.msg === "request failed") as { level: number; err: { stack: string } };
    expect(line.level).toBe(50);
    expect(line.err.stack).toMatch(/\n\s+at /);
    expect(JSON.stringify(lines)).not.toContain("secret-value");
    expect(JSON.stringify(lines)).not.toContain("71.3");
  });

  it("logs a known 5xx with its message and sends Retry-After", async () => {
    const { a, lines } = app();
    const res = await a.request("/busy");
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(lines.find((l) => l.msg === "not accepted; retry later")).toMatchObject({
      level: 50,
      code: "overloaded",
    });
  });

  it("keeps Hono's own 4xx a 4xx under our codes, and answers unknown routes not_found", async () => {
    const { a } = app();
    const res = await a.request("/hono");
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { issues: unknown } }).error.issues).toEqual([
      { field: "body", message: "Malformed JSON in request body" },
    ]);
    const missing = await a.request("/nowhere");
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });
});
