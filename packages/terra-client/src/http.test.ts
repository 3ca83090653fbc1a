import { describe, expect, it } from "vitest";
import { resolveConfig, type TerraClientOptions } from "./config.ts";
import {
  TerraAuthError,
  TerraBadRequestError,
  type TerraError,
  TerraNetworkError,
  TerraNotFoundError,
  TerraRateLimitError,
  TerraResponseError,
  TerraServerError,
  TerraTimeoutError,
} from "./errors.ts";
import { fakeFetch, json, problem, recordingClock, type Step } from "./fake-fetch.ts";
import { parseRetryAfter, request } from "./http.ts";

function setup(script: Step[], extra: Partial<TerraClientOptions> = {}) {
  const f = fakeFetch(script);
  const c = recordingClock();
  const cfg = resolveConfig({
    devId: "dev-1",
    apiKey: "key-1",
    baseUrl: "http://terra.test/v2",
    fetch: f.fetch,
    clock: c.clock,
    backoff: { random: () => 0.5, baseMs: 100, maxMs: 1_000 },
    ...extra,
  });
  return {
    ...f,
    ...c,
    cfg,
    get: () => request(cfg, { method: "GET", path: "/body", query: { user_id: "u" } }),
  };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error("expected a rejection");
}

describe("request: headers and URL", () => {
  it("sends dev-id and x-api-key, joins the base URL and query, JSON body with content-type", async () => {
    const t = setup([json({ ok: 1 }), json({ ok: 2 })]);
    await t.get();
    await request(t.cfg, { method: "POST", path: "/auth/generateWidgetSession", body: { a: 1 } });
    for (const call of t.calls) {
      expect(call.headers.get("dev-id")).toBe("dev-1");
      expect(call.headers.get("x-api-key")).toBe("key-1");
    }
    expect(t.calls[0]?.url.toString()).toBe("http://terra.test/v2/body?user_id=u");
    expect(t.calls[1]?.headers.get("content-type")).toBe("application/json");
    expect(t.calls[1]?.body).toBe('{"a":1}');
  });

  it("returns terra-reference and the rate-limit headers in meta", async () => {
    const t = setup([
      json({}, 200, {
        "terra-reference": "ref-9",
        "X-Terra-RateLimit-Limit": "6000",
        "X-Terra-RateLimit-Remaining": "5969",
        "X-Terra-RateLimit-Reset-After": "3540",
      }),
    ]);
    const { meta } = await t.get();
    expect(meta).toEqual({
      status: 200,
      reference: "ref-9",
      rateLimit: { limit: 6000, remaining: 5969, resetAfterSeconds: 3540, rule: undefined },
      attempts: 1,
    });
  });
});

describe("request: typed errors from both body shapes", () => {
  it.each([
    [400, TerraBadRequestError, "invalid start_date"],
    [401, TerraAuthError, "dev-id or x-api-key headers are missing"],
    [404, TerraNotFoundError, "user not found"],
  ])("problem+json %i → %o with its detail", async (status, Type, detail) => {
    const t = setup([problem(status, "x", detail)]);
    const err = (await rejection(t.get())) as TerraError;
    expect(err).toBeInstanceOf(Type);
    expect(err.status).toBe(status);
    expect(err.message).toContain(detail);
    expect(t.calls).toHaveLength(1);
  });

  it("reads the older {status:'error', message} shape", async () => {
    const t = setup([json({ status: "error", message: "Invalid dev-id was provided" }, 401)]);
    const err = (await rejection(t.get())) as TerraAuthError;
    expect(err).toBeInstanceOf(TerraAuthError);
    expect(err.message).toContain("Invalid dev-id was provided");
    expect(err.body).toEqual({ status: "error", message: "Invalid dev-id was provided" });
  });

  it("never puts the api key in an error", async () => {
    const t = setup([json({ status: "error", message: "nope" }, 401)]);
    const err = (await rejection(t.get())) as TerraError;
    expect(JSON.stringify({ m: err.message, e: err.endpoint, b: err.body })).not.toContain("key-1");
  });
});

describe("request: retries", () => {
  it("retries a 429 r2 after exactly Retry-After seconds, then succeeds", async () => {
    const limited = () =>
      json({ detail: "rate limit exceeded" }, 429, { "X-Terra-RateLimit-Rule": "r2", "Retry-After": "7" });
    const t = setup([limited(), json({ ok: true })]);
    const { json: body, meta } = await t.get();
    expect(body).toEqual({ ok: true });
    expect(t.delays).toEqual([7000]);
    expect(meta.attempts).toBe(2);
  });

  it("uses X-Terra-RateLimit-Reset-After when a 429 has no Retry-After", async () => {
    const t = setup([
      json({ detail: "rate limit exceeded" }, 429, { "X-Terra-RateLimit-Reset-After": "3" }),
      json({}),
    ]);
    await t.get();
    expect(t.delays).toEqual([3000]);
  });

  it("gives up with TerraRateLimitError (rule, retryAfterSeconds) when the wait exceeds maxServerDelayMs", async () => {
    const t = setup([
      json({ detail: "rate limit exceeded" }, 429, { "X-Terra-RateLimit-Rule": "r2", "Retry-After": "1800" }),
    ]);
    const err = (await rejection(t.get())) as TerraRateLimitError;
    expect(err).toBeInstanceOf(TerraRateLimitError);
    expect(err.rule).toBe("r2");
    expect(err.retryAfterSeconds).toBe(1800);
    expect(err.message).toContain("rate limit exceeded");
    expect(t.delays).toEqual([]);
  });

  it("does not retry r1 (the window is too long; asking again cannot help)", async () => {
    const t = setup([
      json({ detail: "rate limit exceeded" }, 429, { "X-Terra-RateLimit-Rule": "r1" }),
      json({}),
    ]);
    const err = (await rejection(t.get())) as TerraRateLimitError;
    expect(err.rule).toBe("r1");
    expect(err.retryAfterSeconds).toBeUndefined();
    expect(t.calls).toHaveLength(1);
  });

  it("retries 5xx with exponential backoff and full jitter, bounded by retries", async () => {
    const t = setup([json({}, 500), json({}, 502), json({}, 503), json({}, 500), json({})], { retries: 3 });
    const err = (await rejection(t.get())) as TerraServerError;
    expect(err).toBeInstanceOf(TerraServerError);
    expect(err.status).toBe(500);
    expect(err.attempts).toBe(4);
    expect(t.calls).toHaveLength(4);
    expect(t.remaining()).toBe(1);
    // random()=0.5 of min(maxMs 1000, 100·2^n): 50, 100, 200
    expect(t.delays).toEqual([50, 100, 200]);
  });

  it("caps the backoff at maxMs and draws the jitter from the injected random", async () => {
    const t = setup([json({}, 500), json({}, 500), json({}, 500), json({})], {
      retries: 3,
      backoff: { baseMs: 400, maxMs: 1_000, random: () => 0.999 },
    });
    await t.get();
    expect(t.delays.map(Math.round)).toEqual([400, 799, 999]);
  });

  it("honours Retry-After on a 503 too", async () => {
    const t = setup([
      json({ status: "error", message: "maintenance" }, 503, { "Retry-After": "2" }),
      json({}),
    ]);
    await t.get();
    expect(t.delays).toEqual([2000]);
  });

  it("retries network errors, then succeeds", async () => {
    const t = setup([new TypeError("fetch failed"), new TypeError("ECONNRESET"), json({ ok: 1 })]);
    const { json: body, meta } = await t.get();
    expect(body).toEqual({ ok: 1 });
    expect(meta.attempts).toBe(3);
    expect(t.delays).toHaveLength(2);
  });

  it("throws TerraNetworkError when network errors outlast the retries", async () => {
    const t = setup([new TypeError("fetch failed"), new TypeError("fetch failed")], { retries: 1 });
    const err = (await rejection(t.get())) as TerraNetworkError;
    expect(err).toBeInstanceOf(TerraNetworkError);
    expect(err.attempts).toBe(2);
  });

  it("does not retry a 404", async () => {
    const t = setup([problem(404, "not found", "user not found"), json({})]);
    expect(await rejection(t.get())).toBeInstanceOf(TerraNotFoundError);
    expect(t.calls).toHaveLength(1);
    expect(t.delays).toEqual([]);
  });

  it("retries a 2xx whose body is truncated JSON", async () => {
    const t = setup([new Response('{"user":{"user_id"', { status: 200 }), json({ ok: 1 })]);
    expect((await t.get()).json).toEqual({ ok: 1 });
    const t2 = setup([new Response("<html>", { status: 200 })], { retries: 0 });
    expect(await rejection(t2.get())).toBeInstanceOf(TerraResponseError);
  });
});

describe("request: time-out", () => {
  it("aborts a hanging attempt after timeoutMs and throws TerraTimeoutError", async () => {
    const t = setup(["hang"], { timeoutMs: 5, retries: 0 });
    const err = (await rejection(t.get())) as TerraTimeoutError;
    expect(err).toBeInstanceOf(TerraTimeoutError);
    expect(err.timeoutMs).toBe(5);
  });

  it("times out even when the fetch implementation ignores the abort signal", async () => {
    const t = setup(["stall"], { timeoutMs: 5, retries: 0 });
    expect(await rejection(t.get())).toBeInstanceOf(TerraTimeoutError);
  });

  it("times out a body that stalls after the headers", async () => {
    const stalledBody = new Response(new ReadableStream({ start() {} }), { status: 200 });
    const t = setup([stalledBody], { timeoutMs: 5, retries: 0 });
    expect(await rejection(t.get())).toBeInstanceOf(TerraTimeoutError);
  });

  it("retries after a time-out", async () => {
    const t = setup(["hang", json({ ok: 1 })], { timeoutMs: 5, retries: 1 });
    expect((await t.get()).json).toEqual({ ok: 1 });
    expect(t.calls).toHaveLength(2);
  });
});

describe("parseRetryAfter", () => {
  it("reads delta-seconds and HTTP dates relative to the injected now", () => {
    const now = Date.UTC(2024, 2, 10, 12, 0, 0);
    expect(parseRetryAfter("120", now)).toBe(120);
    expect(parseRetryAfter("Sun, 10 Mar 2024 12:00:30 GMT", now)).toBe(30);
    expect(parseRetryAfter("Sun, 10 Mar 2024 11:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});
