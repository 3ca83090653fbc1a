import {
  createTerraClient,
  TerraAuthError,
  TerraBadRequestError,
  TerraNotFoundError,
  TerraRateLimitError,
} from "@wearables/terra-client";
import { describe, expect, it } from "vitest";
import { AUTH, testSandbox } from "./test-helpers.ts";

// Our own client against the sandbox: the contract the backfill relies on.
function setup() {
  const { sb, received } = testSandbox();
  const client = createTerraClient({
    devId: AUTH["dev-id"],
    apiKey: AUTH["x-api-key"],
    baseUrl: "http://sandbox.test/v2",
    fetch: ((url: string, init?: RequestInit) => sb.app.request(url, init)) as typeof fetch,
    retries: 0,
  });
  return { sb, client, received };
}

describe("@wearables/terra-client against the sandbox", () => {
  it("gets data inline, sent to webhook with a reference, and processing", async () => {
    const { sb, client } = setup();
    const id = sb.users[0]!.user_id;
    const q = { userId: id, startDate: "2026-10-01", endDate: "2026-10-09" };
    const inline = await client.getData("sleep", { ...q, toWebhook: false });
    expect(inline.result.kind).toBe("data");
    if (inline.result.kind === "data") {
      expect(inline.result.data).toEqual(sb.expectedRecords(id, "sleep", "2026-10-01", "2026-10-09"));
    }
    const sent = await client.getData("sleep", { ...q, toWebhook: true });
    expect(sent.result.kind).toBe("sent_to_webhook");
    if (sent.result.kind === "sent_to_webhook") {
      expect(sent.result.reference).toBe(sb.state.requests.at(-1)!.reference);
    }
    sb.triggers.processing(id, 120);
    const processing = await client.getData("sleep", { ...q, toWebhook: false });
    expect(processing.result).toMatchObject({ kind: "processing", retryAfterSeconds: 120 });
    const athlete = await client.getData("athlete", { userId: id, toWebhook: false });
    expect(athlete.result.kind).toBe("data");
  });

  it("maps the sandbox's errors to the client's typed errors", async () => {
    const { sb, client } = setup();
    const id = sb.users[0]!.user_id;
    await expect(
      client.getData("body", { userId: "nobody", startDate: "2026-10-01", toWebhook: false }),
    ).rejects.toBeInstanceOf(TerraNotFoundError);
    await expect(
      client.getData("body", {
        userId: id,
        startDate: 1_790_000_000,
        endDate: 1_700_000_000,
        toWebhook: false,
      }),
    ).rejects.toBeInstanceOf(TerraBadRequestError);
    const r1 = client.getData("body", {
      userId: id,
      startDate: "2019-01-01",
      endDate: "2026-01-01",
      toWebhook: false,
    });
    await expect(r1).rejects.toBeInstanceOf(TerraRateLimitError);
    await expect(r1).rejects.toMatchObject({ rule: "r1" });
    const bad = createTerraClient({
      devId: "d",
      apiKey: "wrong",
      baseUrl: "http://sandbox.test",
      fetch: ((u: string, i?: RequestInit) => sb.app.request(u, i)) as typeof fetch,
      retries: 0,
    });
    await expect(bad.userInfo(id)).rejects.toBeInstanceOf(TerraAuthError);
  });

  it("authenticates, reads users by id, by reference and by page, and deauthenticates", async () => {
    const { sb, client, received } = setup();
    const auth = await client.authenticateUser({ provider: "WITHINGS", referenceId: "client-ref" });
    const info = await client.userInfo(auth.result.userId);
    expect(info.result.user).toMatchObject({
      user_id: auth.result.userId,
      reference_id: "client-ref",
      provider: "WITHINGS",
    });
    expect((await client.userInfoByReference("client-ref")).result).toHaveLength(1);
    const pages = [];
    for await (const p of client.subscriptionPages({ perPage: 2 })) pages.push(p.result);
    expect(pages.flatMap((p) => p.users)).toHaveLength(4);
    expect(pages.map((p) => p.next)).toEqual([1, null]);
    expect((await client.integrations()).result.providers).toEqual(["WITHINGS"]);
    await client.deauthenticateUser(auth.result.userId);
    await sb.flush();
    expect(received.map((r) => r.json.type)).toEqual(["auth", "deauth"]);
  });
});
