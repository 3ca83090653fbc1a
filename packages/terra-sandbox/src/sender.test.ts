import { verifyWebhook } from "@wearables/terra-client";
import { describe, expect, it } from "vitest";
import { createWebhookSender, retryDelayMs, type WebhookSenderOptions } from "./sender.ts";
import { FIXED_NOW, fakeReceiver, type Received } from "./test-helpers.ts";

const SECRET = "whsec-sender";
const verify = (r: Received) =>
  verifyWebhook(r.body, r.headers["terra-signature"], SECRET, { now: () => FIXED_NOW });

/** A receiver that answers as ours does: 401 on a bad signature, else `status(i)`. */
function setup(status: (i: number) => number | Error = () => 200, extra: Partial<WebhookSenderOptions> = {}) {
  const rx = fakeReceiver((r, i) => {
    const s = status(i);
    if (s instanceof Error) return s;
    return verify(r).ok ? s : 401;
  });
  const sender = createWebhookSender({
    url: "http://receiver.test/hook",
    secret: SECRET,
    fetch: rx.fetch,
    now: () => FIXED_NOW,
    timeScale: 0,
    devId: "dev-x",
    ...extra,
  });
  return { sender, received: rx.received };
}

const event = (n = 1) => ({
  type: "daily",
  user: { user_id: "u1", provider: "WITHINGS" },
  data: [{ n }],
  version: "2022-03-16",
});

describe("webhook sender", () => {
  it("sends Terra's headers, signed over the exact body", async () => {
    const { sender, received } = setup();
    const d = sender.send(event(), { reference: "ref-1", orderingTs: 1_700_000_000_123 });
    await sender.flush();
    const r = received[0]!;
    expect(r.headers["content-type"]).toBe("application/json");
    expect(r.headers["terra-signature"]).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(r.headers["x-terra-signature"]).toBe(r.headers["terra-signature"]);
    expect(r.headers["terra-reference"]).toBe("ref-1");
    expect(r.headers["x-terra-trace-id"]).toBe(d.traceId);
    expect(r.headers["x-terra-ordering-timestamp"]).toBe("1700000000123");
    expect(r.headers["dev-id"]).toBe("dev-x");
    expect(r.body).toBe(JSON.stringify(event()));
    expect(verify(r)).toMatchObject({ ok: true, timestamp: Math.floor(FIXED_NOW / 1000) });
    expect(d.state).toBe("delivered");
  });

  it("retries any non-2xx and network errors, keeping trace id and ordering timestamp", async () => {
    const answers: (number | Error)[] = [500, 404, new Error("ECONNRESET"), 200];
    const { sender, received } = setup((i) => answers[i] ?? 200);
    const d = sender.send(event());
    await sender.flush();
    expect(d.attempts.map((a) => a.status)).toEqual([500, 404, 0, 200]);
    expect(d.attempts[2]!.error).toMatch(/ECONNRESET/);
    expect(new Set(received.map((r) => r.headers["x-terra-trace-id"])).size).toBe(1);
    expect(new Set(received.map((r) => r.headers["x-terra-ordering-timestamp"])).size).toBe(1);
    expect(d.state).toBe("delivered");
  });

  it("never retries a 413", async () => {
    const { sender } = setup(() => 413);
    const d = sender.send(event());
    await sender.flush();
    expect(d.attempts.map((a) => a.status)).toEqual([413]);
    expect(d.state).toBe("failed");
  });

  it("gives up after 10 attempts", async () => {
    const { sender } = setup(() => 503);
    const d = sender.send(event());
    await sender.flush();
    expect(d.attempts).toHaveLength(10);
    expect(d.state).toBe("failed");
  });

  it("waits 30 s doubling, capped at 8 hours, scaled by timeScale, between attempts", async () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(retryDelayMs(10)).toBe(15_360_000);
    expect(retryDelayMs(11)).toBe(8 * 3600_000);
    const delays: number[] = [];
    const { sender } = setup(() => 500, {
      timeScale: 0.5,
      sleep: async (ms) => void delays.push(ms),
    });
    sender.send(event());
    await sender.flush();
    expect(delays).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => retryDelayMs(n) * 0.5));
  });

  it("drop_first: the receiver never sees the first attempt; the retry arrives", async () => {
    const { sender, received } = setup();
    const d = sender.send(event(), { fault: "drop_first" });
    await sender.flush();
    expect(received).toHaveLength(1);
    expect(d.attempts.map((a) => [a.status, a.error])).toEqual([
      [0, "dropped"],
      [200, undefined],
    ]);
  });

  it("wrong_signature, stale_timestamp and truncated_body fail verification on the first attempt only", async () => {
    const { sender, received } = setup();
    sender.send(event(1), { fault: "wrong_signature" });
    await sender.flush();
    sender.send(event(2), { fault: "stale_timestamp" });
    await sender.flush();
    sender.send(event(3), { fault: "truncated_body" });
    await sender.flush();
    expect(received.map((r) => verify(r))).toEqual([
      { ok: false, reason: "no_matching_signature" },
      expect.objectContaining({ ok: true }),
      { ok: false, reason: "timestamp_too_old" },
      expect.objectContaining({ ok: true }),
      { ok: false, reason: "no_matching_signature" },
      expect.objectContaining({ ok: true }),
    ]);
    expect(received[4]!.body.length).toBeLessThan(received[5]!.body.length);
    expect(sender.deliveries.map((d) => d.attempts.map((a) => a.status))).toEqual([
      [401, 200],
      [401, 200],
      [401, 200],
    ]);
  });

  it("duplicate and resend deliver the same bytes, trace id and ordering timestamp again", async () => {
    const { sender, received } = setup();
    const d = sender.send(event(), { fault: "duplicate", orderingTs: 111 });
    await sender.flush();
    sender.resend(d);
    await sender.flush();
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.body)).size).toBe(1);
    expect(new Set(received.map((r) => r.headers["x-terra-trace-id"])).size).toBe(1);
    expect(received.map((r) => r.headers["x-terra-ordering-timestamp"])).toEqual(["111", "111", "111"]);
  });

  it("sendReordered delivers every event once, in a different order", async () => {
    const { sender, received } = setup();
    const events = Array.from({ length: 10 }, (_, i) => ({
      event: event(i),
      opts: { orderingTs: 1000 + i },
    }));
    sender.sendReordered(events);
    await sender.flush();
    const order = received.map((r) => Number(r.headers["x-terra-ordering-timestamp"]) - 1000);
    expect([...order].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(order).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("random fault rates draw from the seed: same seed, same faults", async () => {
    const run = async () => {
      const { sender } = setup(() => 200, { faultRates: { drop_first: 0.5 }, seed: "storm" });
      for (let i = 0; i < 20; i++) sender.send(event(i));
      await sender.flush();
      return sender.deliveries.map((d) => d.attempts.length);
    };
    const a = await run();
    expect(a).toEqual(await run());
    expect(a).toContain(2);
    expect(a).toContain(1);
  });
});

describe("sandbox push trigger", () => {
  it("sends an older and a newer copy of a day, then a late retry of the older one", async () => {
    const { testSandbox } = await import("./test-helpers.ts");
    const { sb, received } = testSandbox({ users: 1 });
    const id = sb.users[0]!.user_id;
    const morning = Date.parse("2026-11-24T09:00:00+01:00");
    const evening = Date.parse("2026-11-24T21:00:00+01:00");
    const older = sb.triggers.push(id, "daily", "2026-11-24", undefined, {
      asOfMs: morning,
      orderingTs: morning,
    })!;
    sb.triggers.push(id, "daily", "2026-11-24", undefined, { asOfMs: evening, orderingTs: evening });
    await sb.flush();
    sb.sender!.resend(older);
    await sb.flush();
    const steps = received.map(
      (r) => (r.json.data as { distance_data: { steps: number } }[])[0]!.distance_data.steps,
    );
    expect(steps[1]!).toBeGreaterThan(steps[0]!);
    expect(steps[2]).toBe(steps[0]);
    expect(received.map((r) => Number(r.headers["x-terra-ordering-timestamp"]))).toEqual([
      morning,
      evening,
      morning,
    ]);
  });
});
