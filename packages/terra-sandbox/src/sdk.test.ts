import { signWebhook, verifyWebhook } from "@wearables/terra-client";
import { Terra, TerraClient, verifyTerraWebhookSignature } from "terra-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "./sandbox.ts";
import { fakeReceiver, type Received } from "./test-helpers.ts";

// Proof against Terra's own SDK (terra-api): its client works against the sandbox's base URL, and
// its signature check agrees with the sandbox's signatures and with our verifyWebhook.
const SECRET = "whsec-sdk-proof";
const rx = fakeReceiver();
let sb: Sandbox;
let client: TerraClient;
let baseUrl: string;

beforeAll(async () => {
  // Real clock: the SDK checks the signature's timestamp against Date.now().
  sb = createSandbox({
    devId: "dev-sdk",
    apiKey: "key-sdk",
    users: 2,
    seed: "sdk",
    webhookUrl: "http://receiver.test/hook",
    webhookSecret: SECRET,
    fetch: rx.fetch,
    timeScale: 0,
  });
  const { url } = await sb.listen(0);
  baseUrl = `${url}/v2`;
  client = new TerraClient({ devId: "dev-sdk", apiKey: "key-sdk", baseUrl });
});
afterAll(() => sb.close());

describe("terra-api SDK against the sandbox", () => {
  it("generates a widget session and authenticates a user, whose info it then reads", async () => {
    const session = await client.authentication.generatewidgetsession({
      reference_id: "sdk-ref",
      providers: "WITHINGS",
    });
    expect(session.status).toBe("success");
    expect(session.url).toContain(String(session.session_id));
    const auth = await client.authentication.authenticateuser({
      resource: "WITHINGS",
      reference_id: "sdk-ref-2",
    });
    expect(auth.status).toBe("success");
    const info = (await client.user.getinfoforuserid({ user_id: String(auth.user_id) })) as {
      user: { user_id: string; reference_id: string };
    };
    expect(info.user).toMatchObject({ user_id: auth.user_id, reference_id: "sdk-ref-2" });
    const byRef = (await client.user.getinfoforuserid({ reference_id: "sdk-ref" })) as unknown as unknown[];
    expect(byRef).toHaveLength(1);
    const integrations = await client.integrations.fetch();
    expect(integrations.providers).toEqual(["WITHINGS"]);
    // The SDK reads `baseUrl ?? environment`: either points it at the sandbox.
    const viaEnvironment = new TerraClient({ devId: "dev-sdk", apiKey: "key-sdk", environment: baseUrl });
    const again = (await viaEnvironment.user.getinfoforuserid({ user_id: String(auth.user_id) })) as {
      status: string;
    };
    expect(again.status).toBe("success");
  });

  it("fetches data in the response and to the webhook with terra-reference", async () => {
    const user = sb.users[0]!;
    const body = (await client.body.fetch({
      user_id: user.user_id,
      start_date: "2026-10-01",
      end_date: "2026-10-20",
      to_webhook: false,
    })) as { data: unknown[]; user: { user_id: string } };
    expect(body.user.user_id).toBe(user.user_id);
    expect(body.data).toEqual(sb.expectedRecords(user.user_id, "body", "2026-10-01", "2026-10-20"));
    const { data, rawResponse } = await client.sleep
      .fetch({ user_id: user.user_id, start_date: "2026-10-01", end_date: "2026-10-05", to_webhook: true })
      .withRawResponse();
    const reference = (data as { reference: string }).reference;
    expect(rawResponse.headers.get("terra-reference")).toBe(reference);
    await sb.flush();
    expect(
      rx.received.some((r) => r.headers["terra-reference"] === reference && r.json.type === "sleep"),
    ).toBe(true);
  });

  it("raises the SDK's typed errors for the sandbox's 401 and 404", async () => {
    const wrong = new TerraClient({ devId: "dev-sdk", apiKey: "nope", baseUrl });
    await expect(
      wrong.daily.fetch({ user_id: "x", start_date: "2026-10-01" }, { maxRetries: 0 }),
    ).rejects.toBeInstanceOf(Terra.UnauthorizedError);
    await expect(
      client.daily.fetch({ user_id: "nobody", start_date: "2026-10-01" }, { maxRetries: 0 }),
    ).rejects.toBeInstanceOf(Terra.NotFoundError);
  });
});

describe("signatures: the SDK and our verifyWebhook agree on the sandbox's deliveries", () => {
  const sdkAccepts = (body: string, header: string, secret: string) =>
    verifyTerraWebhookSignature(body, header, secret).then(
      () => true,
      () => false,
    );
  const oursAccepts = (body: string, header: string, secret: string) =>
    verifyWebhook(body, header, [secret]).ok;

  it("accepts every delivery the sandbox sent, with the SDK's check and ours", async () => {
    await sb.flush();
    expect(rx.received.length).toBeGreaterThan(2);
    for (const r of rx.received) {
      await expect(verifyTerraWebhookSignature(r.body, r.headers["terra-signature"]!, SECRET)).resolves.toBe(
        true,
      );
      expect(oursAccepts(r.body, r.headers["x-terra-signature"]!, SECRET)).toBe(true);
    }
  });

  it("accepts and rejects exactly what the SDK does on good and tampered deliveries", async () => {
    const good: Received = rx.received.find((r) => r.json.type === "sleep")!;
    const now = Math.floor(Date.now() / 1000);
    const sig = (t: number, secret = SECRET, body = good.body) =>
      signWebhook(body, secret, t).split(",v1=")[1]!;
    const v1 = sig(now);
    const flipped = v1.slice(0, -1) + (v1.endsWith("0") ? "1" : "0");
    const cases: [name: string, body: string, header: string, secret: string, verdict: boolean][] = [
      ["as sent", good.body, good.headers["terra-signature"]!, SECRET, true],
      ["re-signed now", good.body, `t=${now},v1=${v1}`, SECRET, true],
      ["tampered body", good.body.replace('"sleep"', '"sleeq"'), `t=${now},v1=${v1}`, SECRET, false],
      ["tampered signature", good.body, `t=${now},v1=${flipped}`, SECRET, false],
      ["stale (301 s old)", good.body, `t=${now - 301},v1=${sig(now - 301)}`, SECRET, false],
      ["old but within tolerance (290 s)", good.body, `t=${now - 290},v1=${sig(now - 290)}`, SECRET, true],
      ["future (301 s ahead)", good.body, `t=${now + 301},v1=${sig(now + 301)}`, SECRET, false],
      ["extra v0 scheme", good.body, `t=${now},v0=${flipped},v1=${v1}`, SECRET, true],
      ["only a v0 scheme", good.body, `t=${now},v0=${v1}`, SECRET, false],
      ["several v1, one good", good.body, `t=${now},v1=${flipped},v1=${v1}`, SECRET, true],
      ["several v1, none good", good.body, `t=${now},v1=${flipped},v1=${flipped}`, SECRET, false],
      ["wrong secret", good.body, `t=${now},v1=${sig(now, "other-secret")}`, SECRET, false],
      ["signed with the secret, checked with another", good.body, `t=${now},v1=${v1}`, "other-secret", false],
      ["no timestamp", good.body, `v1=${v1}`, SECRET, false],
      ["timestamp changed after signing", good.body, `t=${now - 1},v1=${v1}`, SECRET, false],
      ["upper-case hex", good.body, `t=${now},v1=${v1.toUpperCase()}`, SECRET, true],
      ["spaces around elements", good.body, ` t=${now} , v1=${v1} `, SECRET, true],
      ["empty header", good.body, "", SECRET, false],
    ];
    for (const [name, body, header, secret, verdict] of cases) {
      const sdk = await sdkAccepts(body, header, secret);
      expect(sdk, `SDK on "${name}"`).toBe(verdict);
      expect(oursAccepts(body, header, secret), `verifyWebhook on "${name}"`).toBe(sdk);
    }
  });
});
