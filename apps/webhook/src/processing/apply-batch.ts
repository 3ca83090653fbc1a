import {
  type ApplyContext,
  applyEvent,
  flushApplyContext,
  type IngestConfig,
  newApplyContext,
  type PreparedEvent,
  type ProcessResult,
  preloadRedirects,
} from "@wearables/ingest";
import {
  type Db,
  type EventStatusUpdate,
  lockHeldEvents,
  type Orm,
  setEventStatuses,
  transaction,
} from "@wearables/storage";
import { dbErrorText, isTransient } from "./errors.ts";

/** One claimed row with its prepared content, ready to apply. */
export interface Job {
  id: number;
  deliveryKey: string;
  reference: string | null;
  orderingTs: number | null;
  receivedAt: Date;
  source: string;
  prepared: PreparedEvent;
}

export interface JobResult {
  id: number;
  /** Null: not applied here (another processor holds or finished it, or a retry is due). */
  outcome: ProcessResult | null;
  /** A database failure outside the payload: retry this row later. */
  retry?: string;
}

/**
 * Embedded PGlite runs on this thread and its awaits resolve as microtasks: without a macrotask
 * break a batch would hold the event loop, and acknowledgements would wait unseen meanwhile.
 */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

const userOf = (j: Job) => j.prepared.userId ?? "";

function inputOf(j: Job) {
  return {
    eventId: j.id,
    deliveryKey: j.deliveryKey,
    orderingTs: j.orderingTs,
    receivedAt: j.receivedAt,
    reference: j.reference,
    source: "webhook" as const,
  };
}

async function applyAll(
  tx: Orm,
  jobs: readonly Job[],
  config: IngestConfig,
  ctx: ApplyContext,
  yieldBetween: boolean,
): Promise<Map<number, ProcessResult>> {
  const out = new Map<number, ProcessResult>();
  await preloadRedirects(
    tx,
    ctx,
    jobs.flatMap((j) => (j.prepared.kind === "data" ? [j.prepared.userId] : [])),
  );
  for (const j of jobs) {
    if (yieldBetween) await yieldToEventLoop();
    out.set(j.id, await applyEvent(tx, inputOf(j), j.prepared, config, ctx));
  }
  return out;
}

/**
 * Applies a batch of claimed rows in one transaction, effects and statuses together, only for the
 * rows this processor still holds (locked first: a row taken over meanwhile is skipped, so a row's
 * effects are applied once). Rows are applied in user order (concurrent batches lock connection and
 * record rows in one order), each user's in arrival order. If the batch fails, it runs again with a
 * savepoint per row, so one row the database refuses cannot hold the others back (ADR 0501); a row
 * refused for a reason outside its payload (the database) is handed back for a retry, never failed.
 */
export async function applyBatch(
  db: Db,
  owner: string,
  jobs: readonly Job[],
  config: IngestConfig,
): Promise<JobResult[]> {
  const sorted = [...jobs].sort((a, b) => userOf(a).localeCompare(userOf(b)) || a.id - b.id);
  const yieldBetween = db.kind === "pglite";
  try {
    const results = await transaction(db, async (tx) => {
      const held = new Set(await lockHeldEvents(tx, { ids: sorted.map((j) => j.id), owner }));
      const mine = sorted.filter((j) => held.has(j.id));
      const ctx = newApplyContext({ deferStatuses: true, deferRecords: true, countAttempts: false });
      const applied = await applyAll(tx, mine, config, ctx, yieldBetween);
      await flushApplyContext(tx, ctx);
      await setEventStatuses(tx, ctx.statuses ?? []);
      return applied;
    });
    return jobs.map((j) => ({ id: j.id, outcome: results.get(j.id) ?? null }));
  } catch (err) {
    if (isTransient(err)) return jobs.map((j) => ({ id: j.id, outcome: null, retry: dbErrorText(err) }));
    if (jobs.length === 1) return [await failAlone(db, owner, jobs[0] as Job, err)];
  }
  const out = new Map<number, JobResult>();
  try {
    await transaction(db, async (tx) => {
      const held = new Set(await lockHeldEvents(tx, { ids: sorted.map((j) => j.id), owner }));
      for (const j of sorted) {
        if (!held.has(j.id)) {
          out.set(j.id, { id: j.id, outcome: null });
          continue;
        }
        if (yieldBetween) await yieldToEventLoop();
        try {
          const r = await tx.transaction(async (sp) => {
            const ctx = newApplyContext({ deferStatuses: true, countAttempts: false });
            const [res] = (await applyAll(sp as unknown as Orm, [j], config, ctx, false)).values();
            await setEventStatuses(sp as unknown as Orm, ctx.statuses ?? []);
            return res as ProcessResult;
          });
          out.set(j.id, { id: j.id, outcome: r });
        } catch (rowErr) {
          if (isTransient(rowErr)) {
            out.set(j.id, { id: j.id, outcome: null, retry: dbErrorText(rowErr) });
            continue;
          }
          out.set(j.id, { id: j.id, outcome: await failInside(tx, j, rowErr) });
        }
      }
    });
  } catch (err) {
    // The connection itself went: everything not settled comes back later.
    return jobs.map((j) => ({ id: j.id, outcome: null, retry: dbErrorText(err) }));
  }
  return jobs.map((j) => out.get(j.id) ?? { id: j.id, outcome: null });
}

async function failInside(tx: Orm, j: Job, err: unknown): Promise<ProcessResult> {
  const error = `processing error: ${dbErrorText(err)}`;
  const update: EventStatusUpdate = {
    id: j.id,
    status: "failed",
    error,
    type: j.prepared.type,
    userId: j.prepared.userId,
  };
  await tx.transaction((sp) => setEventStatuses(sp as unknown as Orm, [update]));
  return { status: "failed", type: j.prepared.type, error };
}

/** A batch of one that the database refused for its content: that row fails, replayable. */
async function failAlone(db: Db, owner: string, j: Job, first: unknown): Promise<JobResult> {
  try {
    const outcome = await transaction(db, async (tx) => {
      const held = await lockHeldEvents(tx, { ids: [j.id], owner });
      if (held.length === 0) return null;
      return failInside(tx, j, first);
    });
    return { id: j.id, outcome };
  } catch (err) {
    return { id: j.id, outcome: null, retry: dbErrorText(err) };
  }
}
