import { loadIngestConfig, processEvent } from "@wearables/ingest";
import {
  deliveryKeyFor,
  insertEvent,
  listGaps,
  listWindows,
  transaction,
  upsertConnection,
} from "@wearables/storage";
import { testDb } from "@wearables/storage/testing";
import { createSandbox } from "@wearables/terra-sandbox";
import { describe, expect, it } from "vitest";
import { dayOf } from "./dates.ts";
import { horizonRange } from "./planner.ts";
import { createHarness, expectedKeys, storedKeys, testClock } from "./test-harness.ts";
import { runPass } from "./worker.ts";

describe("long ranges through the webhook (USE_WEBHOOK_FOR_LONG_RANGES)", () => {
  it("asks once with to_webhook=true and marks coverage only when every chunk arrived", async () => {
    const db = await testDb();
    const ingest = loadIngestConfig({ dataTypes: "body" });
    // What the webhook app does with each delivery: store it in the inbox, then process it.
    const deliveries: { body: string; headers: Record<string, string> }[] = [];
    const deliver = async (d: { body: string; headers: Record<string, string> }) => {
      const rawBody = new TextEncoder().encode(d.body);
      const ordering = d.headers["x-terra-ordering-timestamp"];
      await transaction(db, async (tx) => {
        const ev = await insertEvent(tx, {
          rawBody,
          traceId: d.headers["x-terra-trace-id"] ?? null,
          reference: d.headers["terra-reference"] ?? null,
          type: (JSON.parse(d.body) as { type: string }).type,
          orderingTs: ordering ? Number(ordering) : null,
        });
        await processEvent(
          tx,
          {
            eventId: ev.id,
            deliveryKey: deliveryKeyFor(rawBody, d.headers["x-terra-trace-id"] ?? null),
            rawBody,
            reference: d.headers["terra-reference"] ?? null,
            orderingTs: ordering ? Number(ordering) : null,
            receivedAt: new Date(),
            source: "webhook",
          },
          ingest,
        );
      });
    };
    const clock = testClock();
    const sandbox = createSandbox({
      now: clock.now,
      devId: "dev-test",
      apiKey: "key-test",
      users: 1,
      seed: "webhook-path",
      webhookUrl: "http://webhook.test/webhooks/terra",
      webhookSecret: "secret",
      // Deliveries are held until the test releases them, to see the window wait.
      fetch: async (_url, init) => {
        const headers = Object.fromEntries(new Headers(init?.headers).entries());
        deliveries.push({ body: String(init?.body), headers });
        return new Response("{}", { status: 200 });
      },
    });
    const h = await createHarness({
      db,
      sandbox,
      clock,
      cfg: {
        dataTypes: ["body"],
        historyDays: 90,
        refetchDays: 0,
        useWebhookForLongRanges: true,
        longRangeDays: 40,
      },
    });
    const userId = sandbox.users[0]!.user_id;
    await upsertConnection(db, { userId, provider: "WITHINGS", status: "active", connected: true });
    const today = dayOf(new Date(h.clock.now()));
    const horizon = horizonRange(today, 90);

    const first = await runPass(h.deps, h.cfg);
    expect(first.windows.waitingWebhook).toBe(1);
    const asked = sandbox.state.requests.filter((r) => r.userId === userId);
    expect(asked.map((r) => [r.start, r.end, r.toWebhook])).toEqual([[horizon.start, horizon.end, true]]);
    expect(await listGaps(db, { userId, type: "body", from: horizon.start, to: horizon.end })).toEqual([
      horizon,
    ]);

    await sandbox.flush();
    const chunks = deliveries.filter((d) => JSON.parse(d.body).type === "body");
    expect(chunks.length).toBeGreaterThan(1);
    // Every marker and all chunks but the last: still waiting, still a gap.
    for (const d of deliveries.slice(0, -1)) await deliver(d);
    await runPass(h.deps, h.cfg);
    expect((await listWindows(db, { userId, statuses: ["waiting_webhook"] })).length).toBe(1);
    expect(await listGaps(db, { userId, type: "body", from: horizon.start, to: horizon.end })).toEqual([
      horizon,
    ]);

    await deliver(deliveries.at(-1)!);
    const last = await runPass(h.deps, h.cfg);
    expect(last.ok).toBe(true);
    expect(await listGaps(db, { userId, type: "body", from: horizon.start, to: horizon.end })).toEqual([]);
    expect(await storedKeys(db, userId, "body")).toEqual(
      expectedKeys(sandbox, userId, "body", horizon.start, horizon.end),
    );
    // No second request: the webhook delivered the range.
    expect(sandbox.state.requests.filter((r) => r.userId === userId)).toHaveLength(1);
    await h.close();
    await db.close();
  });
});
