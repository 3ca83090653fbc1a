// Parity with Terra's official SDK: on every delivery below, our verifyWebhook and the SDK's
// verifyTerraWebhookSignature must agree (accept or reject). The SDK reads the real clock, so
// the clock is frozen for both.
import { createHmac } from "node:crypto";
import { verifyTerraWebhookSignature } from "terra-api";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { signWebhook, verifyWebhook } from "./signature.ts";

const SECRET = "whsec_parity";
const NOW = 1_750_000_000;
const BODY = JSON.stringify({ type: "sleep", user: { user_id: "u-1" }, data: [{ note: "Łódź – 睡眠" }] });
const hex = (t: number | string, body = BODY, secret = SECRET) =>
  createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");

const cases: { name: string; body: string; header: string }[] = [
  { name: "genuine", body: BODY, header: signWebhook(BODY, SECRET, NOW) },
  { name: "tampered body", body: BODY.replace("u-1", "u-2"), header: signWebhook(BODY, SECRET, NOW) },
  { name: "wrong secret", body: BODY, header: signWebhook(BODY, "other", NOW) },
  { name: "flipped signature", body: BODY, header: `t=${NOW},v1=${"f".repeat(64)}` },
  { name: "timestamp changed", body: BODY, header: `t=${NOW + 1},v1=${hex(NOW)}` },
  { name: "stale by 301 s", body: BODY, header: signWebhook(BODY, SECRET, NOW - 301) },
  { name: "stale by 300 s", body: BODY, header: signWebhook(BODY, SECRET, NOW - 300) },
  { name: "future by 301 s", body: BODY, header: signWebhook(BODY, SECRET, NOW + 301) },
  { name: "future by 300 s", body: BODY, header: signWebhook(BODY, SECRET, NOW + 300) },
  { name: "second v1 matches", body: BODY, header: `t=${NOW},v1=${"0".repeat(64)},v1=${hex(NOW)}` },
  { name: "only v0", body: BODY, header: `t=${NOW},v0=${hex(NOW)}` },
  { name: "v0 before v1", body: BODY, header: `v0=abc,t=${NOW},v1=${hex(NOW)}` },
  { name: "spaces", body: BODY, header: ` t = ${NOW} , v1 = ${hex(NOW)} ` },
  { name: "upper-case hex", body: BODY, header: `t=${NOW},v1=${hex(NOW).toUpperCase()}` },
  { name: "no timestamp", body: BODY, header: `v1=${hex(NOW)}` },
  { name: "no v1", body: BODY, header: `t=${NOW}` },
  { name: "empty header", body: BODY, header: "" },
  { name: "empty body", body: "", header: signWebhook("", SECRET, NOW) },
  { name: "short hex", body: BODY, header: `t=${NOW},v1=${hex(NOW).slice(0, 40)}` },
  {
    name: "re-serialised body",
    body: JSON.stringify(JSON.parse(BODY), null, 1),
    header: signWebhook(BODY, SECRET, NOW),
  },
];

async function sdkAccepts(body: string, header: string): Promise<boolean> {
  try {
    return await verifyTerraWebhookSignature(body, header, SECRET);
  } catch {
    return false;
  }
}

describe("verifyWebhook agrees with terra-api's verifyTerraWebhookSignature", () => {
  beforeAll(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW * 1000);
  });
  afterAll(() => {
    vi.useRealTimers();
  });

  it.each(cases)("$name", async ({ body, header }) => {
    const ours = verifyWebhook(body, header, SECRET).ok;
    expect(ours).toBe(await sdkAccepts(body, header));
  });

  it("the set contains both accepted and rejected deliveries", async () => {
    const results = await Promise.all(cases.map((c) => sdkAccepts(c.body, c.header)));
    expect(results.filter(Boolean).length).toBeGreaterThanOrEqual(6);
    expect(results.filter((r) => !r).length).toBeGreaterThanOrEqual(10);
  });
});
