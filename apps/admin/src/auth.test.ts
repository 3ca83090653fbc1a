import { listAudit, upsertConnection } from "@wearables/storage";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { matchToken } from "./auth.ts";
import { captureLogger, type Harness, harness, json, READ_TOKEN, TOKENS } from "./test-app.ts";
import { parseAdminTokens } from "./tokens.ts";

let h: Harness;
const log = captureLogger();
beforeAll(async () => {
  h = await harness({ logger: log.logger });
  await upsertConnection(h.db, { userId: "u-auth", provider: "WITHINGS", referenceId: "ref-auth" });
});
afterAll(() => h.close());

describe("bearer auth", () => {
  it("answers 401 with the error model when no token is sent", async () => {
    const res = await h.call("GET", "/v1/users", { token: null });
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const body = await json(res);
    expect(body.error.code).toBe("unauthorized");
    expect(body.error.requestId).toBe(res.headers.get("x-request-id"));
  });

  it("answers 401 for a wrong token, and for a prefix of a right one", async () => {
    for (const token of ["nope-nope-nope-nope", TOKENS[0]!.token.slice(0, -1)]) {
      const res = await h.call("GET", "/v1/users", { token });
      expect(res.status).toBe(401);
    }
  });

  it("lets a read token read", async () => {
    const res = await h.call("GET", "/v1/users", { token: READ_TOKEN });
    expect(res.status).toBe(200);
  });

  it("answers 403 to a read token on every write route, and writes nothing", async () => {
    const writes: [string, string, unknown][] = [
      ["POST", "/v1/users/connect", { reference_id: "r" }],
      ["POST", "/v1/users/u-auth/disconnect", undefined],
      ["DELETE", "/v1/users/u-auth", undefined],
      [
        "POST",
        "/v1/users/u-auth/backfills",
        { types: ["body"], start_date: "2026-01-01", end_date: "2026-01-02" },
      ],
      ["POST", "/v1/events/replay", { status: "failed" }],
      ["POST", "/v1/events/1/replay", undefined],
    ];
    for (const [method, path, body] of writes) {
      const res = await h.call(method, path, { token: READ_TOKEN, body });
      expect(res.status, `${method} ${path}`).toBe(403);
      expect((await json(res)).error.code).toBe("forbidden");
    }
    expect(h.terra.calls).toHaveLength(0);
    expect((await listAudit(h.db)).items).toHaveLength(0);
  });

  it("records an admin write in the audit log with the token's name, never the token", async () => {
    const res = await h.call("POST", "/v1/users/connect", { body: { reference_id: "ref-9", mode: "link" } });
    expect(res.status).toBe(201);
    const [row] = (await listAudit(h.db)).items;
    expect(row?.actor).toBe("token:ops");
    expect(row?.action).toBe("user.connect");
    expect(JSON.stringify(row)).not.toContain(TOKENS[0]!.token);
  });
});

describe("tokens", () => {
  it("parses the name:role:token list and the JSON form alike", () => {
    const list = parseAdminTokens(" ops:admin:abcdefghijklmnop:q , viewer:read:0123456789abcdef ");
    const json = parseAdminTokens(
      JSON.stringify([
        { name: "ops", role: "admin", token: "abcdefghijklmnop:q" },
        { name: "viewer", role: "read", token: "0123456789abcdef" },
      ]),
    );
    expect(list).toEqual(json);
    expect(list[0]).toEqual({ name: "ops", role: "admin", token: "abcdefghijklmnop:q" });
  });

  it("refuses unknown roles, short tokens and duplicates", () => {
    expect(() => parseAdminTokens("ops:root:abcdefghijklmnop")).toThrow();
    expect(() => parseAdminTokens("ops:admin:short")).toThrow();
    expect(() => parseAdminTokens("a:admin:abcdefghijklmnop,a:read:abcdefghijklmnoq")).toThrow(/names/);
    expect(() => parseAdminTokens("a:admin:abcdefghijklmnop,b:read:abcdefghijklmnop")).toThrow(/tokens/);
  });

  it("matches only a whole token", () => {
    expect(matchToken(TOKENS, TOKENS[1]!.token)?.name).toBe("viewer");
    expect(matchToken(TOKENS, `${TOKENS[1]!.token}x`)).toBeUndefined();
    expect(matchToken(TOKENS, "")).toBeUndefined();
  });
});

describe("malformed requests", () => {
  it("answers 400 invalid_request, not 500, to a body that is not JSON or not declared as JSON", async () => {
    const auth = { authorization: `Bearer ${TOKENS[0]!.token}` };
    for (const [type, body] of [
      ["application/json", "{"],
      ["text/plain", "{}"],
    ]) {
      const res = await h.app.request("/v1/users/connect", {
        method: "POST",
        headers: { ...auth, "content-type": type! },
        body,
      });
      expect(res.status, type).toBe(400);
      const err = (await json(res)).error;
      expect(err.code).toBe("invalid_request");
      expect(err.issues[0].field).toMatch(/^body/);
    }
  });
});

describe("logging", () => {
  it("logs 4xx below error level, 5xx as errors, one summary line per request, never a token", async () => {
    log.lines.length = 0;
    await h.call("GET", "/v1/users", { token: "wrong-token-wrong-token" });
    h.terra.failWith = 500;
    try {
      expect((await h.call("POST", "/v1/users/connect", { body: { reference_id: "r" } })).status).toBe(502);
    } finally {
      h.terra.failWith = null;
    }
    const errors = log.lines.filter((l) => Number(l.level) >= 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ code: "terra_error" });
    const summaries = log.lines.filter((l) => l.msg === "request");
    expect(summaries.map((l) => l.status)).toEqual([401, 502]);
    expect(summaries.every((l) => typeof l.requestId === "string")).toBe(true);
    const text = JSON.stringify(log.lines);
    for (const t of [...TOKENS.map((x) => x.token), "wrong-token-wrong-token"]) expect(text).not.toContain(t);
  });
});
