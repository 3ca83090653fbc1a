import type { DataType } from "@wearables/schemas";
import { backfillWithPlanLock, type Executor } from "@wearables/storage";
import { splitDateRange } from "@wearables/terra-client";
import type { WorkerConfig } from "./config.ts";
import { type DayRange, rangeDays } from "./dates.ts";
import type { WorkerDeps } from "./deps.ts";
import { planRanges, subtractRanges, toWindows } from "./planner.ts";
import { enqueue, fetchedSince, gapsByType, type NewWindow, openWindows } from "./store.ts";

export interface PlanTarget {
  userId: string;
  types: readonly DataType[];
  bounds: DayRange;
  jobId?: number | null;
  /** Receives the keys of planned windows whose days the ledger already holds (re-fetch only). */
  alreadyCovered?: Set<string>;
}

/** Splits planned ranges: month windows, or one webhook request per long range when enabled. */
export function windowsFor(ranges: readonly DayRange[], cfg: WorkerConfig): DayRange[] {
  if (!cfg.useWebhookForLongRanges) return toWindows(ranges, cfg.windowDays, splitDateRange);
  return ranges.flatMap((r) =>
    rangeDays(r) >= cfg.longRangeDays
      ? splitDateRange(r.start, r.end, { alignToMonths: false })
      : toWindows([r], cfg.windowDays, splitDateRange),
  );
}

/**
 * Plans and queues the windows of one user for this pass. Returns how many new windows were queued
 * (a window another planner queued at the same moment is not counted twice: the live-window unique
 * index absorbs it).
 */
export async function planUser(
  deps: WorkerDeps,
  cfg: WorkerConfig,
  target: PlanTarget,
  passStartedAt: Date,
  today: string,
): Promise<{ windows: number; days: number }> {
  return backfillWithPlanLock(deps.db, target.userId, (tx) =>
    planLocked(tx, cfg, target, passStartedAt, today),
  );
}

async function planLocked(
  tx: Executor,
  cfg: WorkerConfig,
  target: PlanTarget,
  passStartedAt: Date,
  today: string,
): Promise<{ windows: number; days: number }> {
  const rows: NewWindow[] = [];
  let days = 0;
  const bounds = target.bounds;
  // Live windows are read before the ledger: a window completing in between is then seen in one
  // of the two (its coverage and its status change in one transaction), never in neither.
  const open = await openWindows(tx, target.userId);
  const fresh = await fetchedSince(tx, {
    userId: target.userId,
    dataTypes: target.types,
    range: bounds,
    since: passStartedAt,
  });
  const gapsOf = await gapsByType(tx, { userId: target.userId, dataTypes: target.types, range: bounds });
  for (const dataType of target.types) {
    const gaps = gapsOf.get(dataType) ?? [];
    const ranges = planRanges({
      today,
      bounds,
      gaps,
      refetchDays: cfg.refetchDays,
      freshSincePassStart: fresh.get(dataType) ?? [],
      open: open.get(dataType) ?? [],
    });
    const covered = subtractRanges(ranges, gaps);
    for (const w of windowsFor(ranges, cfg)) {
      if (subtractRanges([w], covered).length === 0) {
        target.alreadyCovered?.add(`${target.userId}|${dataType}|${w.start}|${w.end}`);
      }
      rows.push({ userId: target.userId, dataType, start: w.start, end: w.end, jobId: target.jobId ?? null });
      days += rangeDays(w);
    }
  }
  const windows = rows.length ? await enqueue(tx, rows) : 0;
  return { windows, days };
}
