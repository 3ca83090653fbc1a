import {
  type ApplyContext,
  applyEvent,
  expectedOutcome,
  flushApplyContext,
  type IngestConfig,
  newApplyContext,
  type PreparedEvent,
} from "@wearables/ingest";
import {
  type Db,
  deliveryKeyFor,
  type Executor,
  type InsertEventArgs,
  insertEvent,
  insertEvents,
  type Orm,
  setEventStatus,
  setEventStatuses,
  transaction,
} from "@wearables/storage";

/** One verified delivery, ready for the durable step. */
export interface Delivery {
  requestId: string;
  /** The body exactly as received: stored as bytes, never re-serialised. */
  rawBody: Buffer;
  deliveryKey: string;
  traceId: string | null;
  reference: string | null;
  orderingTs: number | null;
  receivedAt: Date;
  prepared: PreparedEvent;
}

export type StoreResult =
  | { ok: true; eventId: number; duplicate: boolean; status: string; type: string }
  /** This delivery alone could not be stored (a transient database error): answer 503. */
  | { ok: false; error: unknown };

export function makeDelivery(args: Omit<Delivery, "deliveryKey">): Delivery {
  return { ...args, deliveryKey: deliveryKeyFor(args.rawBody, args.traceId) };
}

function inboxRow(d: Delivery): InsertEventArgs {
  return {
    rawBody: d.rawBody,
    deliveryKey: d.deliveryKey,
    traceId: d.traceId,
    reference: d.reference,
    type: d.prepared.type,
    userId: d.prepared.userId,
    orderingTs: d.orderingTs,
    receivedAt: d.receivedAt,
    source: "webhook",
  };
}

/** Applies one delivery whose inbox row is already written (row.duplicate: nothing to apply). */
async function applyOne(
  ex: Executor,
  d: Delivery,
  row: { id: number; duplicate: boolean; status: string },
  config: IngestConfig,
  ctx: ApplyContext,
): Promise<StoreResult> {
  if (row.duplicate) {
    return { ok: true, eventId: row.id, duplicate: true, status: row.status, type: d.prepared.type };
  }
  const result = await applyEvent(
    ex,
    {
      eventId: row.id,
      deliveryKey: d.deliveryKey,
      orderingTs: d.orderingTs,
      receivedAt: d.receivedAt,
      reference: d.reference,
      source: "webhook",
    },
    d.prepared,
    config,
    ctx,
  );
  return { ok: true, eventId: row.id, duplicate: false, status: result.status, type: result.type };
}

async function storeOne(ex: Executor, d: Delivery, config: IngestConfig): Promise<StoreResult> {
  return applyOne(ex, d, await insertEvent(ex, inboxRow(d)), config, newApplyContext());
}

/**
 * Embedded PGlite runs on this thread and its awaits resolve as microtasks: without a macrotask
 * break a whole batch would hold the event loop, requests would wait unseen in socket buffers,
 * and neither 503 shedding nor health checks could answer meanwhile.
 */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** SQLSTATE classes that say "try again later", not "this delivery is bad". */
function isTransient(err: unknown): boolean {
  const code =
    (err as { code?: unknown; cause?: { code?: unknown } })?.code ??
    (err as { cause?: { code?: unknown } })?.cause?.code;
  return typeof code === "string" && /^(08|40|53|55|57|58)/.test(code);
}

/** A delivery whose processing threw is still kept (raw, status failed) so it can be replayed. */
async function storeFailed(ex: Executor, d: Delivery, err: unknown): Promise<StoreResult> {
  const row = await insertEvent(ex, { ...inboxRow(d), status: "failed" });
  if (!row.duplicate) {
    await setEventStatus(ex, {
      id: row.id,
      status: "failed",
      error: `processing error: ${(err as Error).message}`,
    });
  }
  return { ok: true, eventId: row.id, duplicate: row.duplicate, status: "failed", type: d.prepared.type };
}

/**
 * The durable step for a group of deliveries: one transaction for all of them. The fast path runs
 * them back to back; if any throws, the whole transaction is rolled back and run again with a
 * savepoint per delivery, so one bad delivery cannot poison the others (ADR 0501).
 * Deliveries are applied in user order so that concurrent transactions lock connection and
 * record rows in the same order (no deadlocks between batches).
 */
export async function commitBatch(
  db: Db,
  deliveries: Delivery[],
  config: IngestConfig,
): Promise<StoreResult[]> {
  const order = deliveries
    .map((d, i) => ({ d, i }))
    .sort((a, b) => (a.d.prepared.userId ?? "").localeCompare(b.d.prepared.userId ?? "") || a.i - b.i);
  const results: StoreResult[] = new Array(deliveries.length);
  try {
    // Fast path: one INSERT for every inbox row, each with the status its processing is expected to
    // give (no UPDATE rewriting every index entry of the row), the deliveries applied back to back
    // with their record upserts collected and written per type in one statement, and one UPDATE
    // for the rows whose outcome differed: a batch costs a few statements plus one per distinct
    // connection.
    await transaction(db, async (tx) => {
      const ctx = newApplyContext({ deferStatuses: true, deferRecords: true });
      const expected = order.map(({ d }) => expectedOutcome(d.prepared, config));
      const inserted = await insertEvents(
        tx,
        order.map(({ d }, k) => {
          const e = expected[k];
          return e ? { ...inboxRow(d), status: e.status, error: e.error, attempted: true } : inboxRow(d);
        }),
      );
      const stored = new Map<number, { status: string; error: string | null }>();
      for (const [k, row] of inserted.entries()) {
        const e = expected[k];
        if (e && !row.duplicate) stored.set(row.id, e);
      }
      for (const [k, { d, i }] of order.entries()) {
        await yieldToEventLoop();
        results[i] = await applyOne(
          tx,
          d,
          inserted[k] as { id: number; duplicate: boolean; status: string },
          config,
          ctx,
        );
      }
      await flushApplyContext(tx, ctx);
      await setEventStatuses(
        tx,
        (ctx.statuses ?? []).flatMap((u) => {
          const e = stored.get(u.id);
          if (!e) return [u];
          return e.status === u.status && e.error === (u.error ?? null)
            ? []
            : [{ ...u, countAttempt: false }];
        }),
      );
    });
    return results;
  } catch (err) {
    if (deliveries.length === 1 && isTransient(err)) throw err;
  }
  await transaction(db, async (tx: Orm) => {
    for (const { d, i } of order) {
      await yieldToEventLoop();
      try {
        results[i] = await tx.transaction((sp) => storeOne(sp as unknown as Orm, d, config));
      } catch (err) {
        if (isTransient(err)) {
          results[i] = { ok: false, error: err };
          continue;
        }
        try {
          results[i] = await tx.transaction((sp) => storeFailed(sp as unknown as Orm, d, err));
        } catch (again) {
          results[i] = { ok: false, error: again };
        }
      }
    }
  });
  return results;
}
