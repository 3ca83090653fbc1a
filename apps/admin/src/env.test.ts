import { describe, expect, it } from "vitest";
import { loadEnv } from "./env.ts";

describe("environment", () => {
  it("reads tokens, defaults and optional Terra settings", () => {
    const r = loadEnv({ ADMIN_TOKENS: "ops:admin:abcdefghijklmnop0123", PORT: "4000" });
    expect(r.ok && r.env.ADMIN_TOKENS).toEqual([
      { name: "ops", role: "admin", token: "abcdefghijklmnop0123" },
    ]);
    expect(r.ok && r.env.PORT).toBe(4000);
    expect(r.ok && r.env.TERRA_API_KEY).toBeUndefined();
  });

  it("names a missing ADMIN_TOKENS", () => {
    const r = loadEnv({});
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toContain("ADMIN_TOKENS");
  });

  it("says what is wrong with a token entry without echoing any token", () => {
    const secret = "s3cr3t-value-that-must-not-leak";
    for (const raw of [
      `ops:root:${secret}`,
      `ops:admin:${secret},x:read:short`,
      `[{"name":"ops","role":"god","token":"${secret}"}]`,
      `[{"token":"${secret}"`,
    ]) {
      const r = loadEnv({ ADMIN_TOKENS: raw });
      expect(r.ok, raw).toBe(false);
      const message = r.ok ? "" : r.message;
      expect(message).toContain("ADMIN_TOKENS");
      expect(message).not.toContain(secret);
      expect(message).not.toContain("short");
    }
  });

  it("reads a records page's byte budget, and refuses one under 1 KiB naming it", () => {
    const tokens = { ADMIN_TOKENS: "ops:admin:abcdefghijklmnop0123" };
    const ok = loadEnv({ ...tokens, PAGE_MAX_BYTES: "1048576" });
    expect(ok.ok && ok.env.PAGE_MAX_BYTES).toBe(1_048_576);
    expect(
      loadEnv(tokens).ok && (loadEnv(tokens) as { env: { PAGE_MAX_BYTES?: number } }).env.PAGE_MAX_BYTES,
    ).toBeUndefined();
    const bad = loadEnv({ ...tokens, PAGE_MAX_BYTES: "10" });
    expect(!bad.ok && bad.message).toContain("PAGE_MAX_BYTES");
  });

  it("refuses a bad port and a bad Terra URL, naming them", () => {
    const r = loadEnv({
      ADMIN_TOKENS: "ops:admin:abcdefghijklmnop0123",
      PORT: "http",
      TERRA_API_URL: "not a url",
    });
    expect(!r.ok && r.message).toMatch(/PORT[\s\S]*TERRA_API_URL|TERRA_API_URL[\s\S]*PORT/);
  });
});
