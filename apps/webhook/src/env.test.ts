import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.ts";

describe("parseEnv", () => {
  it("applies the documented defaults and splits rotated secrets", () => {
    const env = parseEnv({ TERRA_WEBHOOK_SECRET: " new , old " });
    expect(env.TERRA_WEBHOOK_SECRET).toEqual(["new", "old"]);
    expect(env.WEBHOOK_BODY_LIMIT).toBe(64 * 2 ** 20);
    expect(env.SIGNATURE_TOLERANCE_SECONDS).toBe(300);
    expect(env.RAW_RETENTION_DAYS).toBe(30);
    expect(env.DEDUP_RETENTION_DAYS).toBeGreaterThanOrEqual(7);
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("reads sizes with units", () => {
    expect(parseEnv({ TERRA_WEBHOOK_SECRET: "s", WEBHOOK_BODY_LIMIT: "512kb" }).WEBHOOK_BODY_LIMIT).toBe(
      512 * 1024,
    );
    expect(parseEnv({ TERRA_WEBHOOK_SECRET: "s", WEBHOOK_BODY_LIMIT: "1000" }).WEBHOOK_BODY_LIMIT).toBe(1000);
  });

  it("fails with one message naming every bad variable and no secret value", () => {
    let message = "";
    try {
      parseEnv({ PORT: "http", DEDUP_RETENTION_DAYS: "3", WEBHOOK_BODY_LIMIT: "lots" });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain("TERRA_WEBHOOK_SECRET");
    expect(message).toContain("PORT");
    expect(message).toContain("DEDUP_RETENTION_DAYS");
    expect(message).toContain("WEBHOOK_BODY_LIMIT");
  });
});
