import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, harness, json } from "./test-app.ts";

let h: Harness;
beforeAll(async () => {
  h = await harness();
});
afterAll(() => h.close().catch(() => {}));

// The image's HEALTHCHECK probes /readyz (apps/admin/Dockerfile).
describe("GET /readyz", () => {
  it("answers 200 without a token on a reachable, migrated database", async () => {
    const res = await h.call("GET", "/readyz", { token: null });
    expect(res.status).toBe(200);
    expect(await json(res)).toEqual({ ok: true, database: "up" });
  });

  it("answers 503 while the last migration is not applied", async () => {
    await h.db.orm.execute(
      "delete from drizzle.__drizzle_migrations where created_at = (select max(created_at) from drizzle.__drizzle_migrations)",
    );
    const res = await h.call("GET", "/readyz", { token: null });
    expect(res.status).toBe(503);
    expect(await json(res)).toEqual({ ok: false, database: "up" });
    // /healthz only asks whether the database answers.
    expect((await h.call("GET", "/healthz", { token: null })).status).toBe(200);
  });

  it("answers 503 when the database is unreachable", async () => {
    await h.db.close();
    const res = await h.call("GET", "/readyz", { token: null });
    expect(res.status).toBe(503);
    expect(await json(res)).toEqual({ ok: false, database: "down" });
  });
});
