import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Db } from "@wearables/storage";
import pino from "pino";
import { afterAll, describe, expect, it } from "vitest";
import { createApp, resolveDashboardDir } from "./app.ts";
import { DASHBOARD_CSP } from "./dashboard.ts";

const dir = mkdtempSync(join(tmpdir(), "dashboard-"));
mkdirSync(join(dir, "assets"));
writeFileSync(join(dir, "index.html"), "<!doctype html><title>dash</title>");
writeFileSync(join(dir, "assets", "index-abc123.js"), "console.log(1)");
writeFileSync(join(dir, "..", "secret-beside-dashboard.txt"), "not for the web");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Static files never reach the database or Terra.
const app = (dashboardDir: string | null) =>
  createApp({
    db: {} as Db,
    terra: {} as never,
    logger: pino({ level: "silent" }),
    clock: { now: () => new Date() },
    tokens: [{ name: "ops", role: "admin", token: "dashboard-test-token-0123" }],
    dashboardDir,
  });

describe("the dashboard's static files", () => {
  it("serves index.html without a token, revalidated, with a CSP", async () => {
    const res = await app(dir).request("/dashboard/");
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("<!doctype html><title>dash</title>");
    expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("no-cache");
    expect(res.headers.get("content-security-policy")).toBe(DASHBOARD_CSP);
    expect(DASHBOARD_CSP).toContain("connect-src 'self'");
    expect(DASHBOARD_CSP).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("caches hashed assets for a year and redirects the bare path", async () => {
    const res = await app(dir).request("/dashboard/assets/index-abc123.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(res.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    const bare = await app(dir).request("/dashboard");
    expect([bare.status, bare.headers.get("location")]).toEqual([301, "/dashboard/"]);
  });

  it("never serves a file outside its folder, nor an unknown kind of file", async () => {
    for (const path of [
      "/dashboard/%2e%2e/secret-beside-dashboard.txt",
      "/dashboard/..%2fsecret-beside-dashboard.txt",
      "/dashboard/assets/missing.js",
      "/dashboard/%E0%A4%A",
    ]) {
      const res = await app(dir).request(path);
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
    }
  });

  it("answers 404 with what to do when the dashboard is not built or switched off", async () => {
    const res = await app(null).request("/dashboard/");
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      "pnpm --filter @wearables/dashboard build",
    );
    expect(resolveDashboardDir("off")).toBeNull();
    expect(resolveDashboardDir(join(dir, "assets"))).toBeNull();
    expect(resolveDashboardDir(dir)).toBe(dir);
  });
});
