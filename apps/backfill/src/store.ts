import type { DataType } from "@wearables/schemas";
import {
  backfillCompleteWindows,
  backfillWebhookDoneUncovered,
  claimWindows,
  type Executor,
  failWindow,
  markCoverage,
  rescheduleWindow,
  waitForWebhook as storageWaitForWebhook,
} from "@wearables/storage";
import type { DayRange } from "./dates.ts";

/**
 * The storage calls the worker makes, in one place. Each is a thin call into @wearables/storage
 * (the only SQL); this file adapts shapes (DayRange, typed data types).
 */

export interface WindowRow {
  id: number;
  jobId: number | null;
  userId: string;
  dataType: DataType;
  startDate: string;
  endDate: string;
  attempts: number;
  reference: string | null;
  /** The user's connection status when the window was claimed (null: no connection, e.g. erased). */
  connectionStatus: string | null;
}

export async function claim(
  ex: Executor,
  args: {
    owner: string;
    limit: number;
    leaseSeconds: number;
    now: number;
    userId?: string;
    dataTypes?: readonly DataType[];
  },
): Promise<WindowRow[]> {
  const rows = await claimWindows(ex, {
    owner: args.owner,
    limit: args.limit,
    leaseMs: args.leaseSeconds * 1000,
    now: new Date(args.now),
    ...(args.userId ? { userId: args.userId } : {}),
    ...(args.dataTypes ? { dataTypes: args.dataTypes } : {}),
  });
  return rows.map((r) => ({
    id: r.id,
    jobId: r.jobId,
    userId: r.userId,
    dataType: r.dataType as DataType,
    startDate: r.startDate,
    endDate: r.endDate,
    // claimWindows counts the claim as an attempt: attempts before this one.
    attempts: Math.max(r.attempts - 1, 0),
    reference: r.reference,
    connectionStatus: r.connectionStatus,
  }));
}

/** Completes the windows still held by `owner`; returns their ids. */
export function completeAll(
  ex: Executor,
  args: { owner: string; windows: readonly { id: number; documents: number }[]; now: number },
): Promise<number[]> {
  return backfillCompleteWindows(ex, { ...args, now: new Date(args.now) });
}

/** Back to pending until notBefore; countAttempt false when the wait is not the window's fault. */
export function release(
  ex: Executor,
  args: { id: number; owner: string; notBefore: Date; error?: string | null; countAttempt: boolean },
): Promise<boolean> {
  return rescheduleWindow(ex, args);
}

export function fail(ex: Executor, args: { id: number; owner: string; error: string }): Promise<boolean> {
  return failWindow(ex, args);
}

export function waitForWebhook(
  ex: Executor,
  args: { id: number; owner: string; reference: string; deadline: Date },
): Promise<boolean> {
  return storageWaitForWebhook(ex, args);
}

export function cover(
  ex: Executor,
  args: { userId: string; dataType: DataType; range: DayRange; fetchedAt: Date; jobId?: number | null },
): Promise<unknown> {
  return markCoverage(ex, {
    userId: args.userId,
    type: args.dataType,
    startDate: args.range.start,
    endDate: args.range.end,
    source: "backfill",
    jobId: args.jobId ?? null,
    at: args.fetchedAt,
  });
}

/** Windows the webhook completed (all chunks arrived) whose range coverage does not hold yet. */
export function webhookDoneUncovered(ex: Executor, userId?: string) {
  return backfillWebhookDoneUncovered(ex, userId ? { userId } : {});
}
