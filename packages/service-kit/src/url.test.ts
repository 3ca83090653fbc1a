import { describe, expect, it } from "vitest";
import { redactUrl } from "./url.ts";

describe("redactUrl", () => {
  it.each([
    ["postgres://app:s3cr3t@db:5432/x", "postgres://app:***@db:5432/x"],
    ["postgresql://app:p@ss@db/x?sslmode=require", "postgresql://app:***@db/x?sslmode=require"],
    ["postgres://app@db/x?password=s3cr3t", "postgres://app@db/x?password=***"],
    [
      "postgres://db/x?sslmode=require&password=s3cr3t&application_name=a",
      "postgres://db/x?sslmode=require&password=***&application_name=a",
    ],
    ["postgres://db/x?PASSWORD=s3cr3t", "postgres://db/x?PASSWORD=***"],
    ["postgres://db/x?pass%77ord=s3cr3t", "postgres://db/x?pass%77ord=***"],
    ["postgres://db/x?sslkey=/k.pem&api_key=s3cr3t", "postgres://db/x?sslkey=***&api_key=***"],
    ["pglite://./.data/pglite", "pglite://./.data/pglite"],
    ["postgres://app@db/x", "postgres://app@db/x"],
  ])("%s → %s", (input, expected) => {
    expect(redactUrl(input)).toBe(expected);
    expect(redactUrl(input)).not.toContain("s3cr3t");
  });
});
