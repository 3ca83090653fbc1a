// SIGTERM of the real service under load with a processing backlog: it stops accepting, answers
// what is in flight after its commit, finishes the batch in hand, releases the rows it still held
// (the next process takes them at once, not after their lease) and exits 0. PGlite or PostgreSQL.
import { describe, expect, it } from "vitest";
import {
  type Delivery,
  deliverAll,
  expectAppliedOnce,
  expectLoggedOnce,
  inboxRows,
  load,
  mix,
  sendFresh,
} from "./deliveries.ts";
import { databaseForFile, drained, processedBatches, startService, stop, waitFor } from "./harness.ts";

const isShutdown = (l: { msg?: string }) => l.msg?.startsWith("shutting down") ?? false;
/** Sent on a new connection once the service said it is shutting down. */
const late = mix("term-late", 2)[1] as Delivery;

const db = databaseForFile("webhook_term");

describe("the service on SIGTERM", () => {
  it("stops accepting, answers in flight, finishes its batch, releases held rows and exits 0", async () => {
    const run = "term";
    const deliveries = mix(run, 900);
    // Batches of 2: processing trails the acknowledgements, so rows are still held at the signal.
    const first = await startService(db(), { env: { PROCESS_BATCH_SIZE: "2" } });
    let acks = 0;
    let signalled = false;
    let ackedAfterSignal = 0;
    let afterShutdown: Promise<number> | null = null;
    const { acked, statuses } = await load(
      () => first.url,
      deliveries,
      16,
      (_, status) => {
        if (status !== 200) return;
        acks += 1;
        if (signalled) ackedAfterSignal += 1;
        if (!signalled && acks === 300) {
          signalled = true;
          first.child.kill("SIGTERM");
          // Once it says it is shutting down, a new connection is refused.
          afterShutdown = waitFor("the shutdown line", () => first.lines.some(isShutdown), 30_000, 5).then(
            () => sendFresh(first.url, late),
          );
        }
      },
    );
    if (!signalled) first.child.kill("SIGKILL");
    expect(signalled).toBe(true);
    expect((await first.exited).code).toBe(0);
    expect(await afterShutdown).toBe(0);
    expect(statuses.filter((s) => s !== 0 && s !== 200 && s !== 503)).toEqual([]);
    expect(ackedAfterSignal).toBeGreaterThan(0); // in flight at the signal: answered after the commit
    expect(acked.size).toBeLessThan(deliveries.length);

    const shutdownAt = first.lines.findIndex(isShutdown);
    const released = first.lines.find((l) => l.msg === "released rows still held at shutdown");
    const logged = new Set(processedBatches(first).flat());
    const left = await db().withDb(async (d) => {
      const inbox = await inboxRows(d, run);
      const stored = new Set(inbox.map((r) => r.trace_id));
      expect([...acked].filter((t) => !stored.has(t))).toEqual([]);
      expect(stored.has(late.traceId)).toBe(false);
      // Every row is done (its batch committed and logged) or released: none is left leased.
      expect(inbox.filter((r) => r.status === "received" && r.lease_owner !== null)).toEqual([]);
      expect(inbox.filter((r) => r.status === "processed" && !logged.has(r.id))).toEqual([]);
      return inbox.filter((r) => r.status === "received");
    });
    expect(left.length).toBeGreaterThan(0);
    expect(released?.rows).toBe(left.length);
    // Batches kept being finished after the signal, before the rows were let go.
    expect(first.lines.slice(shutdownAt).some((l) => l.msg === "processed batch")).toBe(true);

    // The default lease is 120 s: rows processed at once were released, not left to expire.
    const second = await startService(db());
    await deliverAll(second.url, deliveries);
    await drained(second, 60_000);
    expect(await stop(second)).toBe(0);
    await db().withDb(async (d) => {
      const inbox = await expectAppliedOnce(d, run, deliveries);
      expectLoggedOnce(inbox, [...processedBatches(first), ...processedBatches(second)]);
      const releasedIds = new Set(left.map((r) => r.id));
      const again = inbox.filter((r) => releasedIds.has(r.id));
      expect(again.map((r) => [r.attempts, r.lost_leases])).toEqual(again.map(() => [2, 0]));
      expect(inbox.filter((r) => r.lost_leases !== 0)).toEqual([]);
    });
  }, 150_000);
});
