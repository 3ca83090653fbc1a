import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db, rows, transaction } from "../db.ts";
import { onRealPostgres, type TestDb, testDb } from "../testing.ts";
import { getEvent } from "./events.ts";
import {
  claimEvents,
  extendEventLeases,
  inboxBacklog,
  insertReceived,
  lockHeldEvents,
  releaseEvents,
  retryEventsLater,
} from "./inbox-queue.ts";

let db: TestDb;
beforeAll(async () => {
  db = await testDb();
}, 60_000);
afterAll(async () => {
  await db?.close();
});

let n = 0;
const receipt = (body: string | Buffer, extra: Record<string, unknown> = {}) => ({
  rawBody: Buffer.isBuffer(body) ? body : Buffer.from(body),
  traceId: `q-${++n}`,
  receivedAt: new Date(),
  ...extra,
});

async function clearQueue(): Promise<void> {
  await rows(db, sql`update webhook_events set status = 'processed' where status = 'received'`);
}

describe("insertReceived", () => {
  it("stores raw bytes with no type, deduplicated within the call and against stored rows", async () => {
    const body = Buffer.from([0x7b, 0xff, 0x00, 0x7d]); // not UTF-8, a NUL: stored all the same
    const [a, b, c] = await insertReceived(db, [
      { ...receipt(body), traceId: "dup-q" },
      { ...receipt("other"), traceId: "dup-q" },
      receipt("third"),
    ]);
    expect(a).toMatchObject({ duplicate: false, status: "received", deliveryKey: "trace:dup-q" });
    expect(b).toMatchObject({ duplicate: true, id: a?.id });
    expect(c?.duplicate).toBe(false);
    const [again] = await insertReceived(db, [{ ...receipt("retry"), traceId: "dup-q" }]);
    expect(again).toMatchObject({ duplicate: true, id: a?.id });
    const row = await getEvent(db, a?.id as number);
    expect(Buffer.compare(Buffer.from(row?.rawBody as Uint8Array), body)).toBe(0);
    expect(row).toMatchObject({
      type: null,
      userId: null,
      status: "received",
      attempts: 0,
      leaseOwner: null,
    });
  });

  it("a leased row counts its first attempt and is not claimable until its lease passes", async () => {
    await clearQueue();
    const [r] = await insertReceived(db, [{ ...receipt("leased"), leaseOwner: "me" }], { leaseMs: 60_000 });
    expect((await getEvent(db, r?.id as number))?.attempts).toBe(1);
    expect(await claimEvents(db, { owner: "other", limit: 10, maxBytes: 1e9, leaseMs: 1000 })).toEqual([]);
    const later = new Date(Date.now() + 61_000);
    const [taken] = await claimEvents(db, {
      owner: "other",
      limit: 10,
      maxBytes: 1e9,
      leaseMs: 1000,
      now: later,
    });
    expect(taken).toMatchObject({ id: r?.id, lostLeases: 1, attempts: 2 });
  });
});

describe("claimEvents", () => {
  it("claims oldest first within a byte budget, always at least one row", async () => {
    await clearQueue();
    const ids = (
      await insertReceived(db, [
        receipt(Buffer.alloc(600)),
        receipt(Buffer.alloc(600)),
        receipt(Buffer.alloc(600)),
      ])
    ).map((r) => r.id);
    const first = await claimEvents(db, { owner: "w1", limit: 10, maxBytes: 1000, leaseMs: 5000 });
    expect(first.map((q) => q.id)).toEqual(ids.slice(0, 2));
    const tiny = await claimEvents(db, { owner: "w1", limit: 10, maxBytes: 1, leaseMs: 5000 });
    expect(tiny.map((q) => q.id)).toEqual(ids.slice(2));
    expect(tiny[0]?.rawBody?.byteLength).toBe(600);
  });

  it("skips rows waiting for a retry until their time, then hands them out again", async () => {
    await clearQueue();
    const [r] = await insertReceived(db, [receipt("retry-me")]);
    const [held] = await claimEvents(db, { owner: "w2", limit: 1, maxBytes: 1e9, leaseMs: 5000 });
    expect(held?.id).toBe(r?.id);
    const retryAt = new Date(Date.now() + 60_000);
    expect(
      await retryEventsLater(db, { ids: [r?.id as number], owner: "w2", retryAt, error: "retrying: db" }),
    ).toBe(1);
    expect(await claimEvents(db, { owner: "w3", limit: 1, maxBytes: 1e9, leaseMs: 5000 })).toEqual([]);
    const [again] = await claimEvents(db, {
      owner: "w3",
      limit: 1,
      maxBytes: 1e9,
      leaseMs: 5000,
      now: new Date(retryAt.getTime() + 1),
    });
    // A retry handed back properly is not a lost lease.
    expect(again).toMatchObject({ id: r?.id, lostLeases: 0, attempts: 2 });
    expect(await inboxBacklog(db)).toMatchObject({ waiting: 1 });
  });

  it("lockHeldEvents and leases only work for the holder", async () => {
    await clearQueue();
    const [r] = await insertReceived(db, [receipt("hold")]);
    const id = r?.id as number;
    await claimEvents(db, { owner: "holder", limit: 1, maxBytes: 1e9, leaseMs: 5000 });
    expect(await extendEventLeases(db, { ids: [id], owner: "intruder", leaseMs: 1000 })).toEqual([]);
    expect(await extendEventLeases(db, { ids: [id], owner: "holder", leaseMs: 9000 })).toEqual([id]);
    await transaction(db, async (tx) => {
      expect(await lockHeldEvents(tx, { ids: [id], owner: "intruder" })).toEqual([]);
      expect(await lockHeldEvents(tx, { ids: [id], owner: "holder" })).toEqual([id]);
    });
    expect(await releaseEvents(db, { ids: [id], owner: "holder" })).toBe(1);
    const [next] = await claimEvents(db, { owner: "next", limit: 1, maxBytes: 1e9, leaseMs: 5000 });
    expect(next).toMatchObject({ id, lostLeases: 0 });
  });

  it("reports the backlog: rows waiting, their bytes, the oldest, those retrying", async () => {
    await clearQueue();
    const old = new Date(Date.now() - 120_000);
    await insertReceived(db, [{ ...receipt(Buffer.alloc(100)), receivedAt: old }, receipt(Buffer.alloc(50))]);
    expect(await inboxBacklog(db)).toEqual({
      waiting: 2,
      waitingBytes: 150,
      oldestReceivedAt: old,
      retrying: 0,
    });
  });
});

describe.skipIf(!onRealPostgres())("claims from concurrent connections on PostgreSQL", () => {
  it("never hand one row to two claimers", async () => {
    await clearQueue();
    await insertReceived(
      db,
      Array.from({ length: 200 }, (_, i) => receipt(`c-${i}`)),
    );
    const others: Db[] = await Promise.all(
      [1, 2, 3, 4].map(() => createDb(db.connectionUrl, { poolSize: 2 })),
    );
    try {
      const got = await Promise.all(
        others.map(async (o, k) => {
          const mine: number[] = [];
          for (;;) {
            const c = await claimEvents(o, { owner: `c${k}`, limit: 7, maxBytes: 1e9, leaseMs: 60_000 });
            if (c.length === 0) return mine;
            mine.push(...c.map((q) => q.id));
          }
        }),
      );
      const all = got.flat();
      expect(all).toHaveLength(200);
      expect(new Set(all).size).toBe(200);
      expect(got.filter((g) => g.length > 0).length).toBeGreaterThan(1);
    } finally {
      await Promise.all(others.map((o) => o.close()));
    }
  });
});
