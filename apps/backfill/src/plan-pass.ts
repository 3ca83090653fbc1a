import type { DataType } from "@wearables/schemas";
import { backfillPlanInputs, backfillWithPlanLock, enqueueWindows } from "@wearables/storage";
import { splitDateRange } from "@wearables/terra-client";
import type { WorkerConfig } from "./config.ts";
import { type DayRange, rangeDays } from "./dates.ts";
import type { WorkerDeps } from "./deps.ts";
import { planRanges, subtractRanges, toWindows } from "./planner.ts";

export interface PlanTarget {
  userIds: readonly string[];
  types: readonly DataType[];
  bounds: DayRange;
  jobId?: number | null;
  /** Receives the keys of planned windows whose days the ledger already holds (re-fetch only). */
  alreadyCovered?: Set<string>;
}

/** Users planned per transaction: a few reads cover them all. */
const USERS_PER_CHUNK = 100;

/** Splits planned ranges: month windows, or one webhook request per long range when enabled. */
export function windowsFor(ranges: readonly DayRange[], cfg: WorkerConfig): DayRange[] {
  if (!cfg.useWebhookForLongRanges) return toWindows(ranges, cfg.windowDays, splitDateRange);
  return ranges.flatMap((r) =>
    rangeDays(r) >= cfg.longRangeDays
      ? splitDateRange(r.start, r.end, { alignToMonths: false })
      : toWindows([r], cfg.windowDays, splitDateRange),
  );
}

function byUserType<T extends { userId: string; dataType: string; start: string; end: string }>(
  list: readonly T[],
): Map<string, DayRange[]> {
  const out = new Map<string, DayRange[]>();
  for (const r of list) {
    const key = `${r.userId}|${r.dataType}`;
    out.set(key, [...(out.get(key) ?? []), { start: r.start, end: r.end }]);
  }
  return out;
}

/**
 * Plans and queues the windows of these users for this pass, a chunk of users per transaction
 * under one advisory lock: overlapping planners (passes, replicas) take turns, so the second sees
 * the first one's windows as queued and never queues a differently split copy of the same days.
 * Returns how many new windows were queued and their days.
 */
export async function planUsers(
  deps: WorkerDeps,
  cfg: WorkerConfig,
  target: PlanTarget,
  passStartedAt: Date,
  today: string,
  signal?: AbortSignal,
): Promise<{ windows: number; days: number }> {
  const total = { windows: 0, days: 0 };
  for (let i = 0; i < target.userIds.length && !signal?.aborted; i += USERS_PER_CHUNK) {
    const userIds = target.userIds.slice(i, i + USERS_PER_CHUNK);
    const r = await backfillWithPlanLock(deps.db, "pass", async (tx) => {
      // Live windows are read before the ledger: a window completing in between is then seen in
      // one of the two (its coverage and its status change in one transaction), never in neither.
      const inputs = await backfillPlanInputs(tx, {
        userIds,
        dataTypes: target.types,
        since: passStartedAt,
        from: target.bounds.start,
        to: target.bounds.end,
      });
      const open = byUserType(inputs.open);
      const fresh = byUserType(inputs.fresh);
      const covered = byUserType(inputs.covered);
      const rows: {
        userId: string;
        dataType: string;
        startDate: string;
        endDate: string;
        jobId: number | null;
      }[] = [];
      let days = 0;
      for (const userId of userIds) {
        for (const dataType of target.types) {
          const key = `${userId}|${dataType}`;
          const gaps = subtractRanges([target.bounds], covered.get(key) ?? []);
          const ranges = planRanges({
            today,
            bounds: target.bounds,
            gaps,
            refetchDays: cfg.refetchDays,
            freshSincePassStart: fresh.get(key) ?? [],
            open: open.get(key) ?? [],
          });
          const held = subtractRanges(ranges, gaps);
          for (const w of windowsFor(ranges, cfg)) {
            if (subtractRanges([w], held).length === 0)
              target.alreadyCovered?.add(`${key}|${w.start}|${w.end}`);
            rows.push({ userId, dataType, startDate: w.start, endDate: w.end, jobId: target.jobId ?? null });
            days += rangeDays(w);
          }
        }
      }
      let windows = 0;
      for (let j = 0; j < rows.length; j += 1000) {
        windows += (await enqueueWindows(tx, rows.slice(j, j + 1000), { now: new Date(deps.clock.now()) }))
          .length;
      }
      return { windows, days };
    });
    total.windows += r.windows;
    total.days += r.days;
  }
  return total;
}
