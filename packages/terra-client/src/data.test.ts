import { DATA_TYPES } from "@wearables/schemas";
import { hasShared, terraExamples } from "@wearables/test-support";
import { describe, expect, it } from "vitest";
import { TerraBadRequestError, TerraRateLimitError, TerraResponseError } from "./errors.ts";
import { fakeFetch, json, problem, recordingClock, type Step } from "./fake-fetch.ts";
import { createTerraClient } from "./index.ts";

const USER = { user_id: "u-1", provider: "WITHINGS", reference_id: null, active: true, scopes: null };
const WEIGH_IN = {
  metadata: { start_time: "2024-03-10T07:12:00.000000+01:00", end_time: "2024-03-10T07:12:00.000000+01:00" },
  measurements_data: { measurements: [{ measurement_time: "2024-03-10T07:12:00+01:00", weight_kg: 71.4 }] },
};

function setup(script: Step[]) {
  const f = fakeFetch(script);
  const c = recordingClock();
  const terra = createTerraClient({
    devId: "d",
    apiKey: "k",
    baseUrl: "http://terra.test/v2",
    fetch: f.fetch,
    clock: c.clock,
  });
  return { ...f, ...c, terra };
}

describe("getData query", () => {
  it("sends user_id, dates, to_webhook and with_samples explicitly (false included)", async () => {
    const t = setup([json({ user: USER, data: [], type: "body" })]);
    await t.terra.getData("body", {
      userId: "u-1",
      startDate: "2024-03-01",
      endDate: "2024-03-10",
      toWebhook: false,
    });
    const q = t.calls[0]?.url.searchParams;
    expect(t.calls[0]?.url.pathname).toBe("/v2/body");
    expect(Object.fromEntries(q ?? [])).toEqual({
      user_id: "u-1",
      start_date: "2024-03-01",
      end_date: "2024-03-10",
      to_webhook: "false",
      with_samples: "false",
    });
  });

  it("sends to_webhook=true and with_samples=true when asked, and unix-second dates as given", async () => {
    const t = setup([
      json({ status: "success", type: "sleep", reference: "r-1", trace_id: "r-1", user: USER }),
    ]);
    await t.terra.getData("sleep", {
      userId: "u-1",
      startDate: 1_709_251_200,
      toWebhook: true,
      withSamples: true,
    });
    const q = t.calls[0]?.url.searchParams;
    expect(q?.get("to_webhook")).toBe("true");
    expect(q?.get("with_samples")).toBe("true");
    expect(q?.get("start_date")).toBe("1709251200");
    expect(q?.has("end_date")).toBe(false);
  });

  it("asks /athlete without dates or samples", async () => {
    const t = setup([json({ user: USER, athlete: { first_name: "A" }, type: "athlete" })]);
    const { result } = await t.terra.getData("athlete", { userId: "u-1", toWebhook: false });
    expect(Object.fromEntries(t.calls[0]?.url.searchParams ?? [])).toEqual({
      user_id: "u-1",
      to_webhook: "false",
    });
    expect(result.kind).toBe("data");
  });

  it("rejects bad dates and a reversed range before any request", async () => {
    const t = setup([]);
    const q = { userId: "u-1", toWebhook: false };
    await expect(t.terra.getData("daily", { ...q, startDate: "2024-02-30" })).rejects.toThrow(RangeError);
    await expect(
      t.terra.getData("daily", { ...q, startDate: "2024-03-02", endDate: "2024-03-01" }),
    ).rejects.toThrow(/before startDate/);
    expect(t.calls).toHaveLength(0);
  });
});

describe("getData response kinds", () => {
  it("data: validated records and the user", async () => {
    const t = setup([json({ user: USER, data: [WEIGH_IN], type: "body" })]);
    const { result } = await t.terra.getData("body", {
      userId: "u-1",
      startDate: "2024-03-10",
      toWebhook: false,
    });
    expect(result.kind).toBe("data");
    if (result.kind !== "data") return;
    expect(result.data).toHaveLength(1);
    expect(result.data[0]?.metadata.start_time).toBe(WEIGH_IN.metadata.start_time);
  });

  it("sent_to_webhook: the reference from the body and terra-reference in meta", async () => {
    const body = { status: "success", type: "body", reference: "ref-7", trace_id: "ref-7", user: USER };
    const t = setup([json(body, 200, { "terra-reference": "ref-7", "X-Terra-RateLimit-Remaining": "5900" })]);
    const { result, meta } = await t.terra.getData("body", {
      userId: "u-1",
      startDate: "2024-01-01",
      endDate: "2024-03-10",
      toWebhook: true,
    });
    expect(result).toMatchObject({ kind: "sent_to_webhook", reference: "ref-7" });
    expect(meta.reference).toBe("ref-7");
    expect(meta.rateLimit.remaining).toBe(5900);
  });

  it("processing: retryAfterSeconds", async () => {
    const body = {
      type: "processing",
      message: "Request is processing, try again later",
      user: USER,
      retry_after_seconds: 180,
    };
    const t = setup([json(body)]);
    const { result } = await t.terra.getData("activity", {
      userId: "u-1",
      startDate: "2024-03-01",
      toWebhook: false,
    });
    expect(result).toMatchObject({ kind: "processing", retryAfterSeconds: 180 });
  });

  it("no_data", async () => {
    const t = setup([json({ status: "success", message: "No data", user: USER })]);
    const { result } = await t.terra.getData("nutrition", {
      userId: "u-1",
      startDate: "2024-03-01",
      toWebhook: false,
    });
    expect(result.kind).toBe("no_data");
  });

  it("a body whose envelope does not match the schema is a TerraResponseError, not retried", async () => {
    const t = setup([json({ user: USER, data: { metadata: {} } }), json({})]);
    await expect(
      t.terra.getData("body", { userId: "u-1", startDate: "2024-03-01", toWebhook: false }),
    ).rejects.toBeInstanceOf(TerraResponseError);
    expect(t.calls).toHaveLength(1);
  });

  it("a record that does not match its model is reported in failedRecords, the others kept", async () => {
    const good = {
      metadata: { start_time: "2024-03-01T00:00:00+00:00", end_time: "2024-03-02T00:00:00+00:00" },
    };
    const t = setup([json({ user: USER, data: [{ metadata: {} }, good] })]);
    const { result } = await t.terra.getData("body", {
      userId: "u-1",
      startDate: "2024-03-01",
      toWebhook: false,
    });
    if (result.kind !== "data") throw new Error(`kind ${result.kind}`);
    expect(result.data).toEqual([good]);
    expect(result.failedRecords.map((f) => [f.index, f.issues.map((i) => i.path)])).toEqual([
      [0, ["metadata.end_time", "metadata.start_time"]],
    ]);
  });

  it("400 problem+json and 429 r1 come back typed", async () => {
    const t = setup([
      problem(400, "bad request", "invalid start_date"),
      json({ detail: "rate limit exceeded" }, 429, { "X-Terra-RateLimit-Rule": "r1" }),
    ]);
    const q = { userId: "u-1", startDate: "2010-01-01", endDate: "2024-01-01", toWebhook: false };
    await expect(t.terra.getData("daily", q)).rejects.toBeInstanceOf(TerraBadRequestError);
    const err = await t.terra.getData("daily", q).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TerraRateLimitError);
    expect((err as TerraRateLimitError).rule).toBe("r1");
  });
});

describe.skipIf(!hasShared())("getData against Terra's own example payloads", () => {
  it("parses every data type's official example as a data answer", async () => {
    const examples = terraExamples();
    for (const type of DATA_TYPES) {
      const example = examples.get(`${type}.openapi.example.json`) as Record<string, unknown>;
      const { version: _v, ...body } = example;
      const t = setup([json(body)]);
      const q =
        type === "athlete"
          ? { userId: "u", toWebhook: false }
          : { userId: "u", startDate: "2024-03-01", toWebhook: false };
      const { result } = await t.terra.getData(type, q as never);
      expect(result.kind, type).toBe("data");
    }
  });
});
