import { insertEvent } from "@wearables/storage";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, harness, json, READ_TOKEN } from "./test-app.ts";

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(() => h.close());

describe("GET /v1/token", () => {
  it("names the presented token and its role", async () => {
    expect(await json(await h.call("GET", "/v1/token"))).toEqual({ name: "ops", role: "admin" });
    expect(await json(await h.call("GET", "/v1/token", { token: READ_TOKEN }))).toEqual({
      name: "viewer",
      role: "read",
    });
  });

  it("answers 401 to a wrong or missing token", async () => {
    const wrong = await h.call("GET", "/v1/token", { token: "not-a-token-of-this-server" });
    expect([wrong.status, (await json(wrong)).error.message]).toEqual([401, "invalid bearer token"]);
    expect((await h.call("GET", "/v1/token", { token: null })).status).toBe(401);
  });
});

describe("GET /v1/stats deliveries_last_24h", () => {
  it("counts the deliveries of the last 24 hours by type and outcome, summed over the UTC days they fall on", async () => {
    const hoursAgo = (n: number) => new Date(Date.now() - n * 3_600_000);
    const body = (n: number) => new TextEncoder().encode(`{"type":"healthcheck","n":${n}}`);
    for (const [n, at, status] of [
      [1, hoursAgo(1), "processed"],
      [2, hoursAgo(23), "processed"],
      [3, hoursAgo(2), "failed"],
      [4, hoursAgo(25), "processed"],
      [5, hoursAgo(30), "failed"],
    ] as const) {
      await insertEvent(h.db, { rawBody: body(n), type: "healthcheck", receivedAt: at, status });
    }
    const s = await json(await h.call("GET", "/v1/stats?days=3", { token: READ_TOKEN }));
    expect(s.deliveries_last_24h).toEqual([
      { type: "healthcheck", outcome: "failed", count: 1 },
      { type: "healthcheck", outcome: "processed", count: 2 },
    ]);
    const perDay = s.deliveries.reduce((n: number, d: { count: number }) => n + d.count, 0);
    expect(perDay).toBe(5);
  });
});
