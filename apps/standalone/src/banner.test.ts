import { describe, expect, it } from "vitest";
import { type BannerInput, startBanner } from "./banner.ts";

const base: BannerInput = {
  mode: "terra",
  sandboxUsers: 0,
  urls: {
    webhook: "http://h/webhooks/terra",
    admin: "http://h:1",
    docs: "http://h:1/docs",
    dashboard: null,
    sandbox: null,
  },
  db: { kind: "postgres", url: "postgres://db/x" },
  token: { name: "ops", role: "admin", token: "TOKEN-SECRET-00112233" },
  tokenFromEnv: true,
  backfillEvery: "*/15 * * * *",
};

describe("the start banner", () => {
  it.each([
    "postgres://app:s3cr3t-pw@db:5432/wearables",
    "postgres://app@db:5432/wearables?sslmode=require&password=s3cr3t-pw",
  ])("never shows the database password (%s)", (url) => {
    const text = startBanner({ ...base, db: { kind: "postgres", url } });
    expect(text).not.toContain("s3cr3t-pw");
    expect(text).toContain("PostgreSQL (postgres://app");
  });

  it("names a token from ADMIN_TOKENS without showing it, in the curl command too", () => {
    const text = startBanner(base);
    expect(text).toContain("ops (from ADMIN_TOKENS)");
    expect(text).toContain(
      'curl -H "Authorization: Bearer <the token named ops in ADMIN_TOKENS>" http://h:1/v1/users',
    );
    expect(text).not.toContain("TOKEN-SECRET-00112233");
  });

  it("prints a copy-pasteable curl command with the local token", () => {
    const text = startBanner({
      ...base,
      tokenFromEnv: false,
      token: { name: "local", role: "admin", token: "abc123local" },
    });
    const curl = text.split("\n").find((l) => l.includes("curl"))!;
    expect(curl.trim()).toBe('try         curl -H "Authorization: Bearer abc123local" http://h:1/v1/users');
  });

  it("names both /metrics", () => {
    expect(startBanner(base)).toContain("metrics     http://h/metrics, http://h:1/metrics");
  });
});
