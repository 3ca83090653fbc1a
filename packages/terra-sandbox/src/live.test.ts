import { describe, expect, it } from "vitest";
import { FIXED_NOW, testSandbox } from "./test-helpers.ts";

describe("live mode", () => {
  it("announces the seeded users, then streams data with Daily re-sent as a growing superset", async () => {
    let now = FIXED_NOW + 6 * 3600_000; // 14:00 in Paris: a day well under way
    const { sb, received } = testSandbox({ users: 1, now: () => now });
    sb.live.start(3_600_000);
    expect(sb.live.running).toBe(true);
    sb.live.stop();
    const kinds: (string | null)[] = [];
    for (let i = 0; i < 8; i++) {
      kinds.push(sb.live.tick());
      now += 20 * 60_000;
    }
    await sb.flush();
    expect(received[0]!.json).toMatchObject({ type: "auth", status: "success" });
    expect(kinds.filter((k) => k === "daily").length).toBeGreaterThanOrEqual(2);
    const dailies = received.filter((r) => r.json.type === "daily");
    const steps = dailies.map(
      (r) => (r.json.data as { distance_data: { steps: number } }[])[0]!.distance_data.steps,
    );
    const ordering = dailies.map((r) => Number(r.headers["x-terra-ordering-timestamp"]));
    for (let i = 1; i < dailies.length; i++) {
      expect(steps[i]!).toBeGreaterThanOrEqual(steps[i - 1]!);
      expect(ordering[i]!).toBeGreaterThan(ordering[i - 1]!);
    }
    // Every pushed document is what REST gives for that day at the time it was pushed.
    const last = dailies.at(-1)!;
    const day = String(
      (last.json.data as { metadata: { start_time: string } }[])[0]!.metadata.start_time,
    ).slice(0, 10);
    now = Number(last.headers["x-terra-ordering-timestamp"]);
    expect(last.json.data).toEqual(sb.expectedRecords(sb.users[0]!.user_id, "daily", day, day));
  });

  it("replays recent history at stepMs per tick: weigh-ins, nights and Dailies as they happened", async () => {
    let now = FIXED_NOW;
    const { sb, received } = testSandbox({ users: 2, now: () => now });
    sb.live.start(3_600_000, { announce: false, catchUpMs: 2 * 86_400_000, stepMs: 1_800_000 });
    sb.live.stop();
    const asOfByDelivery = new Map<number, number>();
    for (let i = 0; i < 120; i++) {
      const at = sb.live.streamNow;
      if (sb.live.tick()) asOfByDelivery.set(sb.sender!.deliveries.at(-1)!.id, at);
      now += 1000;
    }
    expect(sb.live.streamNow).toBe(now);
    await sb.flush();
    const types = new Set(received.map((r) => r.json.type));
    expect(types.has("daily") && types.has("body") && types.has("sleep")).toBe(true);
    // Each push is exactly the generator's document as of the stream's clock at that tick.
    for (const d of sb.sender!.deliveries) {
      const ev = JSON.parse(d.body) as {
        type: "daily";
        user: { user_id: string };
        data: { metadata: { start_time: string } }[];
      };
      const day = ev.data[0]!.metadata.start_time.slice(0, 10);
      const docs = sb.generator.records(ev.user.user_id, ev.type, day, day, {
        asOfMs: asOfByDelivery.get(d.id)!,
      });
      expect(ev.data).toEqual(docs);
    }
  });

  it("skips a document identical to the last one pushed for that user and kind", () => {
    const { sb } = testSandbox({ users: 1 });
    // Clock frozen: after one round every kind is unchanged, so nothing more is pushed.
    const first = Array.from({ length: 4 }, () => sb.live.tick());
    expect(first.filter(Boolean).length).toBeGreaterThan(0);
    expect(sb.live.tick()).toBeNull();
  });
});
