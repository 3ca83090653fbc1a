// Connect and disconnect against the Terra sandbox (its REST app in process), with the lifecycle
// webhooks it posts applied through @wearables/ingest as the webhook app would.
import { loadIngestConfig, processEvent } from "@wearables/ingest";
import { getConnection, insertEvent, transaction } from "@wearables/storage";
import { createSandbox, type Sandbox } from "@wearables/terra-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, harness, json } from "./test-app.ts";

let h: Harness;
let sb: Sandbox;
const posted: string[] = [];

beforeAll(async () => {
  sb = createSandbox({
    devId: "dev",
    apiKey: "key",
    users: 0,
    seed: "admin-test",
    webhookUrl: "https://webhook.test/webhooks/terra",
    webhookSecret: "whsec-test",
    fetch: (async (_url: string | URL | Request, init?: RequestInit) => {
      posted.push(String(init?.body ?? ""));
      return new Response(null, { status: 200 });
    }) as typeof fetch,
  });
  h = await harness({
    terraFetch: (async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(String(input instanceof Request ? input.url : input));
      return sb.app.request(`${url.pathname.replace(/^\/v2/, "")}${url.search}`, init);
    }) as typeof fetch,
  });
});
afterAll(async () => {
  await sb.close();
  await h.close();
});

/** Stores and processes what the sandbox posted since the last call, as the webhook would. */
async function deliver(): Promise<string[]> {
  await sb.flush();
  const bodies = posted.splice(0);
  const config = loadIngestConfig();
  const types: string[] = [];
  for (const body of bodies) {
    const rawBody = new TextEncoder().encode(body);
    const type = String(JSON.parse(body).type);
    types.push(type);
    await transaction(h.db, async (tx) => {
      const { id } = await insertEvent(tx, { rawBody, type });
      await processEvent(tx, { eventId: id, rawBody, receivedAt: new Date(), source: "webhook" }, config);
    });
  }
  return types;
}

describe("connect and disconnect against the sandbox", () => {
  let userId: string;

  it("a link connect creates the Terra user, whose auth webhook makes the connection", async () => {
    const res = await h.call("POST", "/v1/users/connect", { body: { reference_id: "ref-sb", mode: "link" } });
    expect(res.status).toBe(201);
    const body = await json(res);
    userId = body.user_id;
    expect(sb.users.map((u) => u.user_id)).toContain(userId);
    expect(await deliver()).toContain("auth");
    const list = await json(await h.call("GET", "/v1/users?reference_id=ref-sb"));
    expect(list.data).toEqual([
      expect.objectContaining({ user_id: userId, status: "active", provider: "WITHINGS" }),
    ]);
  });

  it("a widget connect answers the sandbox's widget URL", async () => {
    const body = await json(await h.call("POST", "/v1/users/connect", { body: { reference_id: "ref-w" } }));
    expect(body.url).toMatch(/^https:\/\/widget\.tryterra\.co\/session\//);
    expect(body.session_id).toBeTruthy();
    await deliver();
  });

  it("disconnect deauthenticates at Terra, and a second one finds Terra already done", async () => {
    const res = await h.call("POST", `/v1/users/${userId}/disconnect`);
    expect(await json(res)).toMatchObject({ terra: "deauthenticated", status: "deauthorized" });
    expect(sb.users.map((u) => u.user_id)).not.toContain(userId);
    expect(await deliver()).toContain("deauth");
    expect((await getConnection(h.db, userId))?.status).toBe("deauthorized");
    const again = await json(await h.call("POST", `/v1/users/${userId}/disconnect`));
    expect(again.terra).toBe("already_gone");
  });
});
