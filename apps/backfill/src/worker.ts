import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { CompiledSelection } from "@wearables/ingest";
import type { DataType, MeasurementSelection } from "@wearables/schemas";
import { safeError, safeErrorText } from "@wearables/service-kit";
import { listConnections, recordBackfillPass, setConnectionStatus } from "@wearables/storage";
import { TerraAuthError } from "@wearables/terra-client";
import { type PassState, processBatch } from "./batch.ts";
import { DayBudget } from "./budget.ts";
import type { WorkerConfig } from "./config.ts";
import { type DayRange, dayOf } from "./dates.ts";
import type { WorkerDeps } from "./deps.ts";
import { passRecord } from "./pass-record.ts";
import { planUsers } from "./plan-pass.ts";
import { horizonRange } from "./planner.ts";
import { type PassSummary, type ProgressReporter, silentReporter } from "./progress.ts";
import { reconcileConnections } from "./reconcile.ts";
import { claim, type WindowRow } from "./store.ts";
import { coverWebhookWindows } from "./webhook-wait.ts";
import type { WindowContext, WindowOutcome } from "./window.ts";

export type { WorkerConfig } from "./config.ts";
export type { WorkerDeps } from "./deps.ts";

/** Athlete is a profile without dates: it is not a history to backfill. */
export const DATED_TYPES = ["activity", "body", "daily", "sleep", "menstruation", "nutrition"] as const;

export interface PassOptions {
  /** `user` command: one user, optional types and range. Default: every active connection. */
  scope?: { userId: string; types?: readonly DataType[]; from?: string; to?: string; jobId?: number | null };
  reporter?: ProgressReporter;
  /** Shared across passes of one process so `--every` keeps the hourly budget honest. */
  budget?: DayBudget;
  selection?: (type: string) => CompiledSelection | null;
  /** Measurements written as series rows with the records (default: the catalog's default). */
  measurements?: MeasurementSelection;
  /** Aborted (SIGTERM): claim nothing more, finish the windows in flight. */
  signal?: AbortSignal;
  /** Skip `/subscriptions` (tests of planning alone). Default false. */
  skipReconcile?: boolean;
}

async function activeUsers(deps: WorkerDeps): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 100_000; i++) {
    const page = await listConnections(deps.db, { status: "active", cursor, limit: 500 });
    ids.push(...page.items.map((c) => c.userId));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return ids;
}

function emptySummary(pass: string, startedAt: number): PassSummary {
  return {
    pass,
    startedAt: new Date(startedAt).toISOString(),
    durationMs: 0,
    planMs: 0,
    ok: true,
    users: { active: 0, added: 0, markedGone: 0, stopped: 0 },
    windows: { planned: 0, done: 0, failed: 0, skipped: 0, deferred: 0, waitingWebhook: 0 },
    documents: { inserted: 0, updated: 0, unchanged: 0 },
    invalidRecords: 0,
    warnings: 0,
    requests: 0,
    daysRequested: 0,
    errors: [],
  };
}

/** One pass: reconcile, plan every active connection × type, then work the queue until it is dry. */
export async function runPass(
  deps: WorkerDeps,
  cfg: WorkerConfig,
  opts: PassOptions = {},
): Promise<PassSummary> {
  const startedAt = deps.clock.now();
  const pass = randomUUID().slice(0, 8);
  const owner = `${hostname()}:${process.pid}:${pass}`;
  const log = deps.logger.child({ module: "pass", pass });
  const reporter = opts.reporter ?? silentReporter;
  const s = emptySummary(pass, startedAt);
  const today = dayOf(new Date(startedAt));
  const passStartedAt = new Date(startedAt);
  const types = (opts.scope?.types ?? cfg.dataTypes).filter((t): t is DataType =>
    (DATED_TYPES as readonly string[]).includes(t),
  );

  // 1. Who exists: Terra's list, not our webhooks.
  if (!opts.scope && !opts.skipReconcile) {
    try {
      const r = await reconcileConnections(deps);
      s.users.added = r.added.length;
      s.users.markedGone = r.markedGone.length;
      s.requests += r.requests;
    } catch (err) {
      if (err instanceof TerraAuthError) {
        // Every call would fail alike: stop before planning anything.
        s.errors.push({ userId: "*", code: "bad_credentials", message: err.message });
        return finish(deps, reporter, s, startedAt, false, log, opts.scope ? "user" : "run");
      }
      // Best effort: the users we already hold are still worth a pass.
      log.warn({ err: safeError(err) }, "could not reconcile with Terra /subscriptions");
      s.errors.push({ userId: "*", code: "reconcile_failed", message: safeErrorText(err) });
    }
  }
  // Large requests the webhook completed since the last pass: covered before planning looks for gaps.
  await coverWebhookWindows(deps, opts.scope?.userId);
  const users = opts.scope ? [opts.scope.userId] : await activeUsers(deps);
  s.users.active = users.length;

  // 2. Plan. A scope's explicit range replaces the horizon.
  const horizon = horizonRange(today, cfg.historyDays);
  const bounds: DayRange = { start: opts.scope?.from ?? horizon.start, end: opts.scope?.to ?? horizon.end };
  const jobId = opts.scope?.jobId ?? null;
  const alreadyCovered = new Set<string>();
  const planned = await planUsers(
    deps,
    cfg,
    { userIds: users, types, bounds, jobId, alreadyCovered },
    passStartedAt,
    today,
    opts.signal,
  );
  s.windows.planned = planned.windows;
  s.daysRequested = planned.days;
  s.planMs = deps.clock.now() - startedAt;
  log.info({ users: users.length, windows: s.windows.planned }, "pass planned");

  // 3. Work: any due window (ours, an overlapping pass's, a dead run's after its lease expired).
  const budget = opts.budget ?? new DayBudget({ limitDays: cfg.daysPerHourBudget });
  const ctx: WindowContext = {
    deps,
    cfg,
    owner,
    budget,
    selection: opts.selection ?? (() => null),
    ...(opts.measurements ? { measurements: opts.measurements } : {}),
  };
  const state: PassState = { stopped: new Set(), halted: false, alreadyCovered, signal: opts.signal };
  const stopped = state.stopped;
  const deferred = new Map<number, number>();
  let credentialsFailed = false;
  let inFlight = 0;
  let seen = 0;
  const progress = () =>
    reporter.update({
      windowsDone: s.windows.done + s.windows.failed,
      windowsTotal: Math.max(s.windows.planned, seen),
      documents: s.documents.inserted + s.documents.updated + s.documents.unchanged,
      startedAtMs: startedAt,
      nowMs: deps.clock.now(),
    });

  const record = (w: WindowRow, o: WindowOutcome) => {
    s.requests += o.requests;
    switch (o.kind) {
      case "done":
        deferred.delete(w.id);
        s.windows.done++;
        s.documents.inserted += o.documents.inserted;
        s.documents.updated += o.documents.updated;
        s.documents.unchanged += o.documents.unchanged;
        s.invalidRecords += o.report.invalidRecords;
        s.warnings += o.report.warnings;
        break;
      case "deferred":
        deferred.set(w.id, o.untilMs);
        break;
      case "waiting_webhook":
        deferred.delete(w.id);
        s.windows.waitingWebhook++;
        break;
      case "failed":
        deferred.delete(w.id);
        s.windows.failed++;
        s.errors.push({ userId: w.userId, type: w.dataType, code: o.code, message: o.message });
        break;
      case "user_stopped":
        deferred.delete(w.id);
        s.windows.failed++;
        // One error per user: the batch loop already stopped fetching the user's other windows.
        if (!s.errors.some((e) => e.userId === w.userId && e.code === o.code)) {
          s.errors.push({ userId: w.userId, type: w.dataType, code: o.code, message: o.message });
        }
        break;
      case "credentials":
        if (!credentialsFailed)
          s.errors.push({ userId: w.userId, code: "bad_credentials", message: o.message });
        credentialsFailed = true;
        break;
      case "skipped":
        deferred.delete(w.id);
        s.windows.skipped++;
        break;
      case "lost_lease":
        break;
    }
    progress();
  };

  const scopeUser = opts.scope?.userId;
  const worker = async () => {
    for (let guard = 0; guard < 10_000_000 && !credentialsFailed && !opts.signal?.aborted; guard++) {
      const claimed = await claim(deps.db, {
        owner,
        limit: cfg.claimBatch,
        leaseSeconds: cfg.leaseSeconds,
        now: deps.clock.now(),
        ...(scopeUser ? { userId: scopeUser, dataTypes: types } : {}),
      });
      if (claimed.length === 0) {
        // Nothing due now. Wait for the soonest window this pass put back, if it is due soon enough.
        if (inFlight > 0) {
          await deps.clock.sleep(50);
          continue;
        }
        const soonest = Math.min(...deferred.values());
        const limit = startedAt + cfg.maxWaitSeconds * 1000;
        if (!Number.isFinite(soonest) || soonest > limit) return;
        for (const [id, until] of deferred) if (until <= soonest) deferred.delete(id);
        await deps.clock.sleep(Math.max(soonest - deps.clock.now(), 0) + 10);
        continue;
      }
      seen += claimed.length;
      inFlight++;
      try {
        for (const [w, outcome] of await processBatch(ctx, state, claimed)) record(w, outcome);
      } catch (err) {
        // The database failed under this batch: its windows stay leased and are taken up again
        // when the lease expires. The pass goes on with the others and reports the failure,
        // reduced: the failed statement's parameters are the batch's documents.
        const message = safeErrorText(err);
        log.error({ err: safeError(err), windows: claimed.length }, "storing a batch failed");
        s.windows.failed += claimed.length;
        s.errors.push({ userId: claimed[0]!.userId, code: "store_failed", message });
      } finally {
        inFlight--;
      }
      if (state.halted) credentialsFailed = true;
    }
  };
  await Promise.all(Array.from({ length: cfg.concurrency }, worker));

  // 4. Large requests the webhook completed (every chunk arrived): now their days are covered.
  await coverWebhookWindows(deps, scopeUser);

  if (stopped.size) await markStopped(deps, stopped, s);
  s.users.stopped = stopped.size;
  s.windows.deferred = deferred.size;
  progress();
  const reconciled = !s.errors.some((e) => e.code === "reconcile_failed");
  return finish(
    deps,
    reporter,
    s,
    startedAt,
    s.windows.failed === 0 && !credentialsFailed && reconciled,
    log,
    opts.scope ? "user" : "run",
  );
}

async function finish(
  deps: WorkerDeps,
  reporter: ProgressReporter,
  s: PassSummary,
  startedAt: number,
  ok: boolean,
  log: WorkerDeps["logger"],
  kind: "run" | "user",
): Promise<PassSummary> {
  const finishedAt = deps.clock.now();
  s.durationMs = finishedAt - startedAt;
  s.ok = ok;
  // Kept for the alerts (the admin app exports it): a pass that cannot record its outcome still
  // ends as it did; the missing row shows as a last success growing old.
  try {
    await recordBackfillPass(deps.db, passRecord(s, kind, finishedAt));
  } catch (err) {
    log.error({ err: safeError(err) }, "could not record the pass");
  }
  reporter.finish(s);
  // `documents` would be redacted by the log policy (a payload's name): the counts go by another.
  const { documents: documentCounts, ...rest } = s;
  log.info({ summary: { ...rest, documentCounts } }, "pass finished");
  return s;
}

/** A user Terra does not know (404) is marked so later passes do not plan it again. */
async function markStopped(deps: WorkerDeps, stopped: Set<string>, s: PassSummary): Promise<void> {
  for (const userId of stopped) {
    const reason = s.errors.find((e) => e.userId === userId)?.message ?? "stopped by the backfill";
    await setConnectionStatus(deps.db, { userId, status: "error", reason: reason.slice(0, 500) });
  }
}
