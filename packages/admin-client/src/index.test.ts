import { createApp } from "@wearables/admin";
import { type Db, upsertConnection } from "@wearables/storage";
import { testDb } from "@wearables/storage/testing";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminApiError, createAdminClient, unwrap } from "./index.ts";

const ADMIN = "client-admin-token-0123456789";
const READ = "client-read-token-0123456789";
let db: Db;
let app: ReturnType<typeof createApp>;
const seen: Request[] = [];
const fetchApp = (req: Request) => {
  seen.push(req.clone());
  return Promise.resolve(app.request(req));
};

beforeAll(async () => {
  db = await testDb();
  app = createApp({
    db,
    terra: {} as never,
    logger: pino({ level: "silent" }),
    clock: { now: () => new Date() },
    tokens: [
      { name: "ops", role: "admin", token: ADMIN },
      { name: "viewer", role: "read", token: READ },
    ],
  });
  await upsertConnection(db, { userId: "u-client-1", provider: "WITHINGS", referenceId: "patient-7" });
});
afterAll(() => db?.close());

describe("createAdminClient", () => {
  it("sends the bearer token and returns typed bodies", async () => {
    const client = createAdminClient({ baseUrl: "http://admin.test/", token: ADMIN, fetch: fetchApp });
    const page = await unwrap(client.GET("/v1/users", { params: { query: { reference_id: "patient-7" } } }));
    expect(page.data.map((u) => [u.user_id, u.reference_id, u.status])).toEqual([
      ["u-client-1", "patient-7", "active"],
    ]);
    const last = seen.at(-1)!;
    expect(last.headers.get("authorization")).toBe(`Bearer ${ADMIN}`);
    expect(new URL(last.url).toString()).toBe("http://admin.test/v1/users?reference_id=patient-7");
  });

  it("reads the token on every request when given a function", async () => {
    let token: string | null = READ;
    const client = createAdminClient({ baseUrl: "http://admin.test", token: () => token, fetch: fetchApp });
    await unwrap(client.GET("/v1/stats", { params: { query: {} } }));
    expect(seen.at(-1)!.headers.get("authorization")).toBe(`Bearer ${READ}`);
    token = null;
    const err = await unwrap(client.GET("/v1/stats", { params: { query: {} } })).catch((e) => e);
    expect(seen.at(-1)!.headers.get("authorization")).toBeNull();
    expect(err).toBeInstanceOf(AdminApiError);
    expect([err.status, err.code, err.message]).toEqual([401, "unauthorized", "missing bearer token"]);
  });

  it("turns the API's error model into AdminApiError with code, request id and issues", async () => {
    const client = createAdminClient({ baseUrl: "http://admin.test", token: READ, fetch: fetchApp });
    const bad = await unwrap(
      client.GET("/v1/users/{id}/summary", {
        params: { path: { id: "u-client-1" }, query: { start_date: "2026-02-30", end_date: "2026-03-01" } },
      }),
    ).catch((e) => e);
    expect(bad).toBeInstanceOf(AdminApiError);
    expect(bad.status).toBe(400);
    expect(bad.code).toBe("invalid_request");
    expect(bad.issues.map((i: { field: string }) => i.field)).toEqual(["query.start_date"]);
    expect(bad.requestId).toMatch(/\S/);
    const forbidden = await unwrap(
      client.POST("/v1/users/{id}/disconnect", { params: { path: { id: "u-client-1" } } }),
    ).catch((e) => e);
    expect([forbidden.status, forbidden.code]).toEqual([403, "forbidden"]);
  });

  it("reports a network failure as status 0 without the URL or token", async () => {
    const client = createAdminClient({
      baseUrl: "http://admin.test",
      token: ADMIN,
      fetch: () => Promise.reject(new TypeError(`fetch failed for ${ADMIN}`)),
    });
    const err = await unwrap(client.GET("/v1/users", { params: { query: {} } })).catch((e) => e);
    expect([err.status, err.code, err.message]).toEqual([
      0,
      "network_error",
      "the admin API could not be reached",
    ]);
  });
});
