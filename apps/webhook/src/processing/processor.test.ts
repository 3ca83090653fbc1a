// The processor behind the inbox: shared queues, leases, retries and order independence, on one
// database per file (PGlite, or PostgreSQL with TEST_DATABASE_URL).
import { createPreparePool, loadIngestConfig, type PreparePool } from "@wearables/ingest";
import {
  claimEvents,
  type Db,
  getConnection,
  getEvent,
  insertReceived,
  largeRequestProgress,
  readRecords,
  rows,
} from "@wearables/storage";
import { bodyDoc, testDb } from "@wearables/storage/testing";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMetrics } from "../metrics.ts";
import { metricValue, silent, switchableDb } from "../test-helpers.ts";
import { Processor, type ProcessorSettings } from "./processor.ts";

let db: Db;
let pool: PreparePool;
const ingest = loadIngestConfig();
beforeAll(async () => {
  db = await testDb();
  pool = createPreparePool(ingest, { threads: 1 });
}, 90_000);
afterAll(async () => {
  await pool?.close();
  await db?.close();
});

let seq = 0;
const user = (id: string) => ({ user_id: id, provider: "WITHINGS", reference_id: `ref-${id}`, scopes: null });

/** Stores bodies as the acknowledgement does, unleased: any processor may claim them. */
async function receive(
  bodies: unknown[],
  opts: { reference?: string; orderingTs?: (i: number) => number } = {},
) {
  const r = await insertReceived(
    db,
    bodies.map((b, i) => ({
      rawBody: Buffer.from(typeof b === "string" ? b : JSON.stringify(b)),
      traceId: `proc-${++seq}`,
      reference: opts.reference ?? null,
      orderingTs: opts.orderingTs?.(i) ?? null,
      receivedAt: new Date(),
    })),
  );
  return r.map((x) => x.id);
}

function processor(owner: string, settings: Partial<ProcessorSettings> = {}, on: Db = db) {
  const metrics = createMetrics({});
  const p = new Processor({
    db: on,
    ingest,
    pool,
    logger: silent,
    metrics,
    owner,
    settings: { pollMs: 20, retryBaseMs: 10, retryMaxMs: 100, batchSize: 8, ...settings },
  });
  return { p, metrics };
}

const statusOf = async (ids: number[]) =>
  Promise.all(ids.map(async (id) => (await getEvent(db, id))?.status));

describe("processors sharing one inbox", () => {
  it("apply every row exactly once between them, whichever claims it", async () => {
    const ids = await receive(
      Array.from({ length: 60 }, (_, i) => ({
        type: "body",
        user: user(`share-${i % 5}`),
        data: [bodyDoc(`2026-02-${String((i % 28) + 1).padStart(2, "0")}`)],
      })),
    );
    // One of them splits its batches into two transactions by user (PROCESS_LANES).
    const a = processor("proc-a", { applyLanes: 2 });
    const b = processor("proc-b");
    a.p.start();
    b.p.start();
    await Promise.all([a.p.whenIdle(), b.p.whenIdle()]);
    await Promise.all([a.p.stop(), b.p.stop()]);
    expect(new Set(await statusOf(ids))).toEqual(new Set(["processed"]));
    const applied =
      (await metricValue(a.metrics.processed, { status: "processed" })) +
      (await metricValue(b.metrics.processed, { status: "processed" }));
    // Each row's effects committed once: by one processor, never by both.
    expect(applied).toBe(ids.length);
    const attempts = await rows<{ attempts: number }>(
      db,
      sql`select attempts from webhook_events where id in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    );
    expect(attempts.every((r) => r.attempts === 1)).toBe(true);
  });

  it("takes over the rows of a processor that died holding them, once their lease has passed", async () => {
    const ids = await receive([{ type: "body", user: user("dead-1"), data: [bodyDoc("2026-03-01")] }]);
    // A processor claims the row and dies (nothing more happens under its name).
    const held = await claimEvents(db, { owner: "proc-dead", limit: 10, maxBytes: 1e9, leaseMs: 150 });
    expect(held.map((h) => h.id)).toContain(ids[0]);
    const live = processor("proc-live");
    live.p.start();
    await new Promise((r) => setTimeout(r, 250));
    await live.p.whenIdle();
    await live.p.stop();
    const row = await getEvent(db, ids[0] as number);
    expect(row).toMatchObject({ status: "processed", lostLeases: 1, leaseOwner: null });
    expect((await readRecords(db, { userId: "dead-1", type: "body" })).items).toHaveLength(1);
  });

  it("fails, replayable, a row whose holders keep dying instead of killing processors forever", async () => {
    const ids = await receive([{ type: "body", user: user("dead-2"), data: [bodyDoc("2026-03-02")] }]);
    for (let k = 0; k < 3; k++) {
      await claimEvents(db, { owner: `proc-dying-${k}`, limit: 10, maxBytes: 1e9, leaseMs: 1 });
      await new Promise((r) => setTimeout(r, 5));
    }
    const live = processor("proc-after", { maxLostLeases: 3 });
    live.p.start();
    await live.p.whenIdle();
    await live.p.stop();
    const row = await getEvent(db, ids[0] as number);
    expect(row?.status).toBe("failed");
    expect(row?.error).toMatch(/processing stopped 3 times/);
    expect(row?.rawBody).not.toBeNull();
  });

  it("retries rows with backoff while the database fails, and processes them once it is back", async () => {
    const sw = switchableDb(db);
    const ids = await receive(
      Array.from({ length: 5 }, (_, i) => ({
        type: "body",
        user: user("retry-1"),
        data: [bodyDoc(`2026-03-1${i}`)],
      })),
    );
    const { p, metrics } = processor("proc-retry", {}, sw.db);
    sw.setDown(true);
    p.start();
    await new Promise((r) => setTimeout(r, 150));
    sw.setDown(false);
    await p.whenIdle();
    await p.stop();
    expect(await statusOf(ids)).toEqual(ids.map(() => "processed"));
    expect(await metricValue(metrics.processed, { status: "processed" })).toBe(5);
  });
});

/** Every permutation of a few rows, each processed alone and in arbitrary order. */
function permutations<T>(xs: T[]): T[][] {
  if (xs.length <= 1) return [xs];
  return xs.flatMap((x, i) => permutations([...xs.slice(0, i), ...xs.slice(i + 1)]).map((p) => [x, ...p]));
}

async function processInOrder(bodies: unknown[], order: number[], opts: Parameters<typeof receive>[1] = {}) {
  const ids = await receive(bodies, opts);
  // One row per claim, in the order given: rows received later are applied first.
  const p = processor(`proc-order-${++seq}`, { batchSize: 1 });
  for (const k of order) {
    await rows(
      db,
      sql`update webhook_events set next_attempt_at = now() + interval '1 hour' where id = ${ids[k]}`,
    );
  }
  p.p.start();
  for (const k of order) {
    await rows(db, sql`update webhook_events set next_attempt_at = null where id = ${ids[k]}`);
    await p.p.whenIdle();
  }
  await p.p.stop();
  return ids;
}

describe("results do not depend on the order rows are processed in", () => {
  it("newer wins by ordering timestamp", async () => {
    for (const [n, order] of permutations([0, 1, 2]).entries()) {
      const id = `order-nw-${n}`;
      const bodies = [70, 80, 75].map((w) => ({
        type: "body",
        user: user(id),
        data: [bodyDoc("2026-04-01", { weightKg: w })],
      }));
      await processInOrder(bodies, order, { orderingTs: (i) => [1000, 3000, 2000][i] as number });
      const [rec] = (await readRecords(db, { userId: id, type: "body" })).items;
      const doc = rec?.document as { measurements_data: { measurements: { weight_kg: number }[] } };
      expect(doc.measurements_data.measurements[0]?.weight_kg, order.join()).toBe(80);
    }
  });

  it("data for a new user id before or after its user_reauth, and data for the old id after it", async () => {
    for (const [n, order] of permutations([0, 1, 2]).entries()) {
      const oldId = `order-old-${n}`;
      const newId = `order-new-${n}`;
      const bodies = [
        { type: "body", user: user(oldId), data: [bodyDoc("2026-04-02")] },
        {
          type: "user_reauth",
          status: "warning",
          message: "m",
          old_user: user(oldId),
          new_user: user(newId),
        },
        { type: "body", user: user(newId), data: [bodyDoc("2026-04-03")] },
      ];
      await processInOrder(bodies, order);
      const days = (await readRecords(db, { userId: newId, type: "body" })).items.map((r) => r.localDate);
      expect(days.sort(), order.join()).toEqual(["2026-04-02", "2026-04-03"]);
      expect((await readRecords(db, { userId: oldId, type: "body" })).items, order.join()).toHaveLength(0);
      expect((await getConnection(db, newId))?.status, order.join()).toBe("active");
    }
  });

  it("a user_reauth and data for its old id in one batch, with apply lanes: the data ends under the new id", async () => {
    for (let n = 0; n < 5; n++) {
      const oldId = `lanes-old-${n}`;
      const newId = `lanes-new-${n}`;
      const days = Array.from({ length: 6 }, (_, i) => `2026-05-${String(i + 1 + n * 6).padStart(2, "0")}`);
      await receive([
        {
          type: "user_reauth",
          status: "warning",
          message: "m",
          old_user: user(oldId),
          new_user: user(newId),
        },
        ...days.map((d) => ({ type: "body", user: user(oldId), data: [bodyDoc(d)] })),
      ]);
      const { p } = processor(`proc-lanes-${n}`, { applyLanes: 2, batchSize: 16 });
      p.start();
      await p.whenIdle();
      await p.stop();
      expect((await readRecords(db, { userId: oldId, type: "body" })).items).toHaveLength(0);
      expect((await readRecords(db, { userId: newId, type: "body" })).items).toHaveLength(days.length);
    }
  });

  it("chunks before or after large_request_sending", async () => {
    for (const [n, order] of permutations([0, 1, 2]).entries()) {
      const uid = `order-chunk-${n}`;
      const reference = `ref-order-${n}`;
      const bodies = [
        { type: "large_request_sending", user: user(uid), reference, message: "m", expected_payloads: 2 },
        { type: "body", user: user(uid), data: [bodyDoc("2026-04-04")] },
        { type: "body", user: user(uid), data: [bodyDoc("2026-04-05")] },
      ];
      await processInOrder(bodies, order, { reference });
      expect(await largeRequestProgress(db, reference), order.join()).toEqual({ received: 2, expected: 2 });
      expect((await readRecords(db, { userId: uid, type: "body" })).items, order.join()).toHaveLength(2);
    }
  });
});
