import type { DataType } from "@wearables/schemas";
import {
  extendLease,
  PreparedRecords,
  transaction,
  type UpsertCounts,
  upsertRecordSets,
} from "@wearables/storage";
import type { DayRange } from "./dates.ts";
import { mergeRanges } from "./planner.ts";
import { completeAll, cover, release, type WindowRow } from "./store.ts";
import { type Fetched, fetchWindow, stopWindow, type WindowContext, type WindowOutcome } from "./window.ts";

/** State one pass shares between its worker loops. */
export interface PassState {
  /** Users stopped in this pass (404): their windows are recorded, not fetched. */
  stopped: Set<string>;
  /** Set on 401/403: nothing more is fetched. */
  halted: boolean;
  /**
   * Windows this pass planned inside ranges the ledger already held (the re-fetch days): their
   * coverage needs no new mark. Keys from windowKey(). Windows of other passes are always marked.
   */
  alreadyCovered: Set<string>;
  /** SIGTERM: the rest of a batch goes back to the queue, what was fetched is still stored. */
  signal?: AbortSignal;
}

class LostLease extends Error {}

export function windowKey(w: {
  userId: string;
  dataType: string;
  startDate: string;
  endDate: string;
}): string {
  return `${w.userId}|${w.dataType}|${w.startDate}|${w.endDate}`;
}

/**
 * Works one claimed batch: fetch each window in turn (CONCURRENCY loops give the parallelism),
 * then store every answer of the batch in one transaction: the records of each data type in one
 * upsert (every user × type group of it), their coverage as merged ranges, the windows completed
 * in one statement. A batch is usually consecutive months of one user and type (windows are
 * claimed in planning order), so the per-window cost of a transaction is paid once per batch. The
 * batch's answers stay in memory (as prepared rows) until stored: CLAIM_BATCH (default 8) bounds
 * that (ADR 0601 has the measurements behind the default).
 */
export async function processBatch(
  ctx: WindowContext,
  state: PassState,
  batch: readonly WindowRow[],
): Promise<[WindowRow, WindowOutcome][]> {
  const out: [WindowRow, WindowOutcome][] = [];
  const fetched: Fetched[] = [];
  // Checked per batch, not per pass (a deauth webhook may land while the pass runs): the claim
  // read each window's connection status in the same statement.
  const active = new Map(batch.map((w) => [w.userId, w.connectionStatus]));
  const leaseMs = ctx.cfg.leaseSeconds * 1000;
  let leaseUntil = ctx.deps.clock.now() + leaseMs;
  for (const [i, w] of batch.entries()) {
    if (ctx.deps.clock.now() > leaseUntil - leaseMs / 2) {
      // Slow answers: keep the rest of the batch (and what awaits storing) ours.
      const now = ctx.deps.clock.now();
      for (const held of [...fetched.map((f) => f.window), ...batch.slice(i)]) {
        await extendLease(ctx.deps.db, { id: held.id, owner: ctx.owner, leaseMs, now: new Date(now) });
      }
      leaseUntil = now + leaseMs;
    }
    if (state.halted || state.signal?.aborted) {
      await release(ctx.deps.db, {
        id: w.id,
        owner: ctx.owner,
        notBefore: new Date(ctx.deps.clock.now()),
        countAttempt: false,
      });
      continue;
    }
    const status = active.get(w.userId);
    if (status !== "active") {
      out.push([w, await stopWindow(ctx, w, status ? `connection ${status}` : "connection erased")]);
      continue;
    }
    if (state.stopped.has(w.userId)) {
      out.push([w, await stopWindow(ctx, w, "user stopped earlier in this pass")]);
      continue;
    }
    const r = await fetchWindow(ctx, w);
    if (r.kind === "fetched") {
      fetched.push(r);
      continue;
    }
    if (r.kind === "user_stopped") state.stopped.add(w.userId);
    if (r.kind === "credentials") state.halted = true;
    out.push([w, r]);
  }
  if (fetched.length === 0) return out;
  try {
    out.push(...(await storeWithRetry(ctx, state, fetched)));
  } catch (err) {
    if (!(err instanceof LostLease)) throw err;
    // A lease expired under us (a very slow batch): store window by window what is still ours.
    for (const f of fetched) {
      const one = await storeWithRetry(ctx, state, [f]).catch((e) => {
        if (e instanceof LostLease)
          return [[f.window, { kind: "lost_lease", requests: f.requests }]] as [WindowRow, WindowOutcome][];
        throw e;
      });
      out.push(...one);
    }
  }
  return out;
}

/** Deadlock (40P01) or serialization failure (40001) anywhere in an error's cause chain. */
export function isTransientDbError(err: unknown): boolean {
  for (let e: unknown = err, i = 0; e && i < 5; e = (e as { cause?: unknown }).cause, i++) {
    const code = (e as { code?: unknown }).code;
    if (code === "40P01" || code === "40001") return true;
  }
  return false;
}

/**
 * Stores a batch, again on a deadlock: locks are taken in one order (groups sorted by user and
 * type), but the webhook's group commit writes the same rows in its own order.
 */
async function storeWithRetry(
  ctx: WindowContext,
  state: PassState,
  fetched: readonly Fetched[],
): Promise<[WindowRow, WindowOutcome][]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await store(ctx, state, fetched);
    } catch (err) {
      if (!isTransientDbError(err) || attempt >= 4) throw err;
      ctx.deps.logger.warn({ attempt }, "batch store hit a deadlock; retrying");
      await ctx.deps.clock.sleep(20 * attempt + Math.random() * 50);
    }
  }
}

async function store(
  ctx: WindowContext,
  state: PassState,
  fetched: readonly Fetched[],
): Promise<[WindowRow, WindowOutcome][]> {
  const groups = new Map<string, Fetched[]>();
  for (const f of fetched) {
    const key = `${f.window.userId}\u0000${f.window.dataType}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  // Every batch takes its row and advisory locks in the same order: no deadlock between batches.
  const ordered = [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
  return transaction(ctx.deps.db, async (tx) => {
    const counts = new Map<Fetched, UpsertCounts>();
    const fetchedAtOf = (group: Fetched[]) => new Date(Math.max(...group.map((f) => f.fetchedAt.getTime())));
    // The records of every user × type group of one data type in one statement (upsertRecordSets):
    // a batch of re-fetch windows is many users' small answers, one statement per group was most
    // of its cost. Groups stay in their order (type, then user) inside the statement.
    const byType = new Map<DataType, Fetched[][]>();
    for (const group of ordered) {
      const type = group[0]!.window.dataType;
      byType.set(type, [...(byType.get(type) ?? []), group]);
    }
    for (const [type, groups] of [...byType].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const c = await upsertRecordSets(
        tx,
        groups.map((group) => {
          const fetchedAt = fetchedAtOf(group);
          return {
            type,
            userId: group[0]!.window.userId,
            records: PreparedRecords.concat(
              type,
              group.map((f) => f.records),
            ),
            // A REST answer is the state at fetch time: it beats webhook copies ordered before it.
            orderingTs: fetchedAt.getTime(),
            receivedAt: fetchedAt,
            source: "backfill" as const,
            eventId: null,
          };
        }),
      );
      // Counts are per statement: attributed to its first window, zero to the others.
      for (const [i, f] of groups.flat().entries())
        counts.set(f, i === 0 ? c : { inserted: 0, updated: 0, unchanged: 0 });
    }
    for (const group of ordered) {
      const first = group[0]!.window;
      const jobIds = new Set(group.map((f) => f.window.jobId));
      const toMark = group.filter((f) => !state.alreadyCovered.has(windowKey(f.window)));
      const ranges: DayRange[] = mergeRanges(
        toMark.map((f) => ({ start: f.window.startDate, end: f.window.endDate })),
      );
      for (const range of ranges) {
        await cover(tx, {
          userId: first.userId,
          dataType: first.dataType,
          range,
          fetchedAt: fetchedAtOf(group),
          jobId: jobIds.size === 1 ? first.jobId : null,
        });
      }
    }
    const done = new Set(
      await completeAll(tx, {
        owner: ctx.owner,
        now: ctx.deps.clock.now(),
        windows: fetched
          .map((f) => ({ id: f.window.id, documents: f.records.length }))
          .sort((a, b) => a.id - b.id),
      }),
    );
    // Another worker owns one of these windows now: undo all; the caller stores what is ours.
    if (done.size !== fetched.length) throw new LostLease();
    return fetched.map((f): [WindowRow, WindowOutcome] => [
      f.window,
      { kind: "done", documents: counts.get(f)!, requests: f.requests, report: f.report },
    ]);
  });
}
