import { hasShared, terraOpenApi } from "@wearables/test-support";
import { describe, expect, it } from "vitest";
import { bodyRecord, terraUser } from "../test/fixtures.ts";
import {
  DataSentToWebhookSchema,
  parseDataResponse,
  TerraErrorBodySchema,
  TerraProblemSchema,
  terraErrorMessage,
} from "./rest.ts";

const user = terraUser();

describe("parseDataResponse", () => {
  it("returns the records of a data body", () => {
    const r = parseDataResponse("body", { user, data: [bodyRecord()], type: "body" });
    expect(r.success && r.data.kind).toBe("data");
    if (r.success && r.data.kind === "data") expect(r.data.data).toHaveLength(1);
  });

  it("returns the athlete object of /athlete", () => {
    const r = parseDataResponse("athlete", {
      user,
      athlete: { first_name: "Ada", age: 36 },
      type: "athlete",
    });
    expect(r.success && r.data.kind === "data" && r.data.athlete.first_name).toBe("Ada");
  });

  it("returns the reference when the data goes to the webhook", () => {
    const r = parseDataResponse("sleep", {
      status: "success",
      type: "sleep",
      reference: "5a3c2540-7139-44c6-8158-f81196e2cf2e",
      trace_id: "5a3c2540-7139-44c6-8158-f81196e2cf2e",
      user,
    });
    expect(r.data).toMatchObject({
      kind: "sent_to_webhook",
      reference: "5a3c2540-7139-44c6-8158-f81196e2cf2e",
    });
  });

  it("returns retry_after_seconds while Terra is processing", () => {
    const r = parseDataResponse("daily", {
      type: "processing",
      message: "Request is processing, try again later",
      user,
      retry_after_seconds: 180,
    });
    expect(r.data).toMatchObject({ kind: "processing", retryAfterSeconds: 180 });
  });

  it("recognises a no-data answer", () => {
    const r = parseDataResponse("nutrition", { status: "success", message: "No data", user });
    expect(r.data).toMatchObject({ kind: "no_data", message: "No data" });
  });

  it("rejects data that is not an array, with the path", () => {
    const r = parseDataResponse("body", { user, data: { metadata: {} } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["data"]);
  });

  it("rejects a record that fails its model, and a body that is not an object", () => {
    const r = parseDataResponse("body", { user, data: [{ metadata: { start_time: "x" } }] });
    expect(r.error?.issues.map((i) => i.path.join("."))).toContain("data.0.metadata.start_time");
    expect(parseDataResponse("body", "oops").success).toBe(false);
  });
});

describe("TerraErrorBodySchema", () => {
  it("accepts the older {status, message} body", () => {
    const b = TerraErrorBodySchema.parse({ status: "error", message: "Invalid dev-id was provided" });
    expect(terraErrorMessage(b)).toBe("Invalid dev-id was provided");
  });

  it("accepts problem+json and the rate-limit body", () => {
    const p = TerraErrorBodySchema.parse({
      type: "about:blank",
      title: "not found",
      instance: "/activity?user_id=x",
      detail: "user not found",
    });
    expect(terraErrorMessage(p)).toBe("user not found");
    expect(terraErrorMessage(TerraErrorBodySchema.parse({ detail: "rate limit exceeded" }))).toBe(
      "rate limit exceeded",
    );
  });

  it("accepts problem+json without detail and falls back to its title", () => {
    const p = TerraErrorBodySchema.parse({
      type: "about:blank",
      title: "unauthorized",
      instance: "/api/v2/activity",
    });
    expect(terraErrorMessage(p)).toBe("unauthorized");
  });

  it("rejects a body with neither message nor detail", () => {
    expect(TerraErrorBodySchema.safeParse({ status: "error" }).success).toBe(false);
  });
});

describe.skipIf(!hasShared())("REST bodies against Terra's OpenAPI bundle", () => {
  const schemas = hasShared()
    ? ((terraOpenApi().components as Record<string, unknown>).schemas as Record<
        string,
        { properties: object }
      >)
    : {};
  const keys = (name: string) => Object.keys(schemas[name]?.properties ?? {}).sort();

  it("DataSentToWebhook: every property Terra lists is in ours", () => {
    expect(keys("DataSentToWebhook").length).toBeGreaterThan(3);
    for (const k of keys("DataSentToWebhook"))
      expect(Object.keys(DataSentToWebhookSchema.shape), k).toContain(k);
  });

  it("Problem: every property Terra lists is in ours, and Terra's required ones are required", () => {
    const [full] = TerraProblemSchema.options;
    for (const k of keys("Problem")) expect(Object.keys(full.shape), k).toContain(k);
    expect(TerraErrorBodySchema.safeParse({ type: "about:blank", title: "not found" }).success).toBe(false);
  });

  it("AthleteCollection: user, athlete and type", () => {
    expect(keys("AthleteCollection")).toEqual(["athlete", "type", "user"]);
    const r = parseDataResponse("athlete", { user, athlete: {}, type: null });
    expect(r.success).toBe(true);
  });
});
