// SIGKILL of the real service: in the middle of a load, and in the middle of a processing batch.
// Every acknowledged delivery must be in the inbox once and, after a restart, end processed with
// its effects applied exactly once. PGlite or PostgreSQL (TEST_DATABASE_URL).
import { rows } from "@wearables/storage";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import {
  type Delivery,
  deliverAll,
  expectAppliedOnce,
  expectLoggedOnce,
  inboxRows,
  load,
  mix,
} from "./deliveries.ts";
import {
  databaseForFile,
  drained,
  onPostgres,
  processedBatches,
  type Service,
  startService,
  stop,
  waitFor,
} from "./harness.ts";

// The killed service leases for 5 s, so the next one takes its rows over within seconds; the next
// one keeps the default lease (its own rows are never at risk of passing while it works on them).
const LEASE = { PROCESS_LEASE_SECONDS: "5" };
const db = databaseForFile("webhook_kill");

/** Rows received and leased right now (only while no child holds a PGlite database). */
const leasedRows = (run: string) =>
  db().withDb(async (d) => (await inboxRows(d, run)).filter((r) => r.status === "received" && r.lease_owner));

/**
 * After a kill and a restart: every delivery applied once, every row in one logged batch (but the
 * one batch the kill may have cut between its commit and its log line), and each row claimed once
 * more than it lost a lease: the `held` rows the killed service had were taken over after their
 * lease, no other row was claimed twice.
 */
async function expectTakenOver(
  run: string,
  deliveries: Delivery[],
  killed: Service,
  next: Service,
  o: { held: number; batchSize: number },
): Promise<void> {
  await db().withDb(async (d) => {
    const inbox = await expectAppliedOnce(d, run, deliveries);
    expectLoggedOnce(inbox, [...processedBatches(killed), ...processedBatches(next)], {
      before: next.startedAt,
      max: o.batchSize,
    });
    expect(inbox.filter((r) => r.attempts !== r.lost_leases + 1)).toEqual([]);
    expect(inbox.filter((r) => r.lost_leases === 1).length).toBe(o.held);
  });
}

describe("the service killed with SIGKILL", () => {
  it("during a load: every acknowledged delivery stored once, and after a restart processed once", async () => {
    const run = "kload";
    const deliveries = mix(run, 1500);
    // Small processing batches: processing trails the acknowledgements, so rows are held at the kill.
    const first = await startService(db(), { env: { ...LEASE, PROCESS_BATCH_SIZE: "4" } });
    // One delivery first, until it is processed: the worker thread is up before the load starts.
    await deliverAll(first.url, deliveries.slice(0, 1));
    await waitFor("the first processed batch", () => processedBatches(first).length > 0);
    let acks = 0;
    let killed = false;
    const { acked, statuses } = await load(
      () => first.url,
      deliveries.slice(1),
      32,
      (_, status) => {
        if (status !== 200) return;
        acks += 1;
        if (!killed && acks >= 150 && processedBatches(first).length >= 3) {
          killed = true;
          first.child.kill("SIGKILL");
        }
      },
    );
    if (!killed) first.child.kill("SIGKILL");
    expect(killed).toBe(true);
    expect((await first.exited).signal).toBe("SIGKILL");
    acked.add((deliveries[0] as Delivery).traceId);
    expect(statuses.filter((s) => s === 0).length).toBeGreaterThan(0); // the kill cut requests off
    expect(acked.size).toBeLessThan(deliveries.length);

    const held = await db().withDb(async (d) => {
      const inbox = await inboxRows(d, run);
      const stored = new Set(inbox.map((r) => r.trace_id));
      expect([...acked].filter((t) => !stored.has(t))).toEqual([]); // nothing acknowledged was lost
      return inbox.filter((r) => r.status === "received" && r.lease_owner).length;
    });
    expect(held).toBeGreaterThan(0); // killed while processing: rows were leased to it

    const second = await startService(db());
    // Terra retries what was not acknowledged; a few acknowledged ones come again as duplicates.
    await deliverAll(second.url, [
      ...deliveries.filter((d) => !acked.has(d.traceId)),
      ...deliveries.filter((d) => acked.has(d.traceId)).slice(0, 20),
    ]);
    await drained(second);
    expect(await stop(second)).toBe(0);

    // Batch size 4: the one batch the kill may have cut between its commit and its log line.
    await expectTakenOver(run, deliveries, first, second, { held, batchSize: 4 });
  }, 150_000);

  it("in the middle of a processing batch: the rows it held are processed once by the next process", async () => {
    const run = "kbatch";
    const deliveries = mix(run, 240, 200_000); // ~200 KB bodies: each batch takes a while
    // Stored by a receive-only service, so the backlog is there before processing starts.
    const receiver = await startService(db(), { env: { PROCESSING: "off" } });
    await deliverAll(receiver.url, deliveries);
    expect(await stop(receiver)).toBe(0);

    const first = await startService(db(), { env: { ...LEASE, PROCESS_BATCH_SIZE: "8" } });
    if (onPostgres) {
      // Kill once two batches are in, while a batch transaction is open and rows are leased to it.
      await db().withDb((d) =>
        waitFor(
          "an open processing transaction with leased rows",
          async () => {
            const r = await rows<{ open: number; leased: number; done: number }>(
              d,
              sql`select
                  (select count(*)::int from pg_stat_activity where datname = current_database()
                     and pid <> pg_backend_pid() and xact_start is not null) as open,
                  (select count(*)::int from webhook_events where status = 'received'
                     and lease_owner is not null) as leased,
                  (select count(*)::int from webhook_events where status = 'processed') as done`,
            );
            const x = r[0];
            return !!x && x.open > 0 && x.leased > 0 && x.done >= 16;
          },
          60_000,
          10,
        ),
      );
    } else {
      // PGlite cannot be read from here meanwhile: kill once batches are flowing (the next one is
      // being prepared or applied), and check the leases afterwards.
      await waitFor("two processed batches", () => processedBatches(first).length >= 2, 60_000, 5);
    }
    first.child.kill("SIGKILL");
    expect((await first.exited).signal).toBe("SIGKILL");
    const held = (await leasedRows(run)).length;
    expect(held).toBeGreaterThan(0);

    const second = await startService(db(), { env: { PROCESS_BATCH_SIZE: "8" } });
    await drained(second);
    expect(await stop(second)).toBe(0);
    await expectTakenOver(run, deliveries, first, second, { held, batchSize: 8 });
  }, 150_000);
});
