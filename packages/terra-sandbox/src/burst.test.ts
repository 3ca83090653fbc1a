import { verifyWebhook } from "@wearables/terra-client";
import { describe, expect, it } from "vitest";
import { burst } from "./burst.ts";
import { FIXED_NOW, fakeReceiver } from "./test-helpers.ts";

describe("burst", () => {
  it("sends N signed deliveries with distinct trace ids and counts the answers", async () => {
    const rx = fakeReceiver((_, i) => (i % 10 === 9 ? 503 : 200));
    const result = await burst({
      url: "http://receiver.test/hook",
      secret: "s3cret",
      count: 30,
      concurrency: 4,
      users: 3,
      now: () => FIXED_NOW,
      fetch: rx.fetch,
    });
    expect(result).toMatchObject({ sent: 30, ok: 27, non2xx: 3, errors: 0, statuses: { 200: 27, 503: 3 } });
    expect(new Set(rx.received.map((r) => r.headers["x-terra-trace-id"])).size).toBe(30);
    for (const r of rx.received) {
      expect(verifyWebhook(r.body, r.headers["terra-signature"], "s3cret", { now: () => FIXED_NOW }).ok).toBe(
        true,
      );
      expect(["daily", "body", "sleep", "activity"]).toContain(r.json.type);
    }
  });
});
