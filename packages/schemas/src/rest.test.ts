import { hasShared, terraOpenApi } from "@wearables/test-support";
import { describe, expect, it } from "vitest";
import { bodyRecord, type Mutable, terraUser } from "../test/fixtures.ts";
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

  it("keeps the other records of an answer when one fails, and reports it by index", () => {
    const records = [bodyRecord(1), bodyRecord(2), bodyRecord(3)] as Mutable[];
    records[1].measurements_data.measurements[0].weight_kg = "72";
    records[2].metadata.timestamp_localization = 3;
    const r = parseDataResponse("body", { user, data: records, type: "body" });
    if (!(r.success && r.data.kind === "data")) throw new Error("not data");
    expect(r.data.data).toEqual([records[0], records[2]]);
    expect(r.data.failedRecords).toEqual([
      {
        index: 1,
        issues: [
          {
            path: "measurements_data.measurements.0.weight_kg",
            message: "Invalid input: expected number, received string",
            count: 1,
          },
        ],
      },
    ]);
    expect(r.data.warnings.map((w) => [w.path, w.code])).toEqual([
      ["data.2.metadata.timestamp_localization", "unknown_enum_value"],
    ]);
  });

  it("gives a fully valid answer's records as they came, with nothing to report", () => {
    const data = [bodyRecord()];
    const r = parseDataResponse("body", { user, data, type: "body" });
    expect(r.data).toEqual({ kind: "data", user, data, warnings: [], failedRecords: [] });
    if (r.success && r.data.kind === "data") expect(r.data.data[0]).toBe(data[0]);
  });

  it("fails an /athlete answer whose athlete (its only record) fails", () => {
    const r = parseDataResponse("athlete", { user, athlete: { age: "36" }, type: "athlete" });
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual(["athlete.age"]);
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

  it("rejects a body that is not an object, or whose envelope is wrong, with zod's paths", () => {
    expect(parseDataResponse("body", "oops").success).toBe(false);
    const r = parseDataResponse("body", { user: { provider: "WITHINGS" }, data: [bodyRecord()] });
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual(["user.user_id"]);
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
