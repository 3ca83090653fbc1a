import { type CompiledSelection, selectFields } from "@wearables/ingest";
import type { MeasurementSelection, RecordFailure, SchemaWarning } from "@wearables/schemas";
import { safeErrorText } from "@wearables/service-kit";
import { PreparedRecords } from "@wearables/storage";
import {
  TerraAuthError,
  TerraBadRequestError,
  type TerraError,
  TerraNotFoundError,
  TerraRateLimitError,
  TerraResponseError,
} from "@wearables/terra-client";
import type { DayBudget } from "./budget.ts";
import type { WorkerConfig } from "./config.ts";
import { rangeDays } from "./dates.ts";
import type { WorkerDeps } from "./deps.ts";
import { fail, release, type WindowRow, waitForWebhook } from "./store.ts";

/** What happened to one claimed window. */
export type WindowOutcome =
  | {
      kind: "done";
      documents: { inserted: number; updated: number; unchanged: number };
      requests: number;
      /** Records of the answer that failed validation (not stored) and warnings about the others. */
      report: RecordCounts;
    }
  | { kind: "deferred"; untilMs: number; reason: string; requests: number }
  | { kind: "waiting_webhook"; reference: string; requests: number }
  | { kind: "failed"; code: string; message: string; requests: number }
  /** The user must not be fetched again in this pass (404); the connection is marked. */
  | { kind: "user_stopped"; code: string; message: string; requests: number }
  /** Nothing can succeed with these credentials (401/403): the pass stops. */
  | { kind: "credentials"; message: string; requests: number }
  /** The connection is no longer active (deauthorised, revoked, erased): never fetched. */
  | { kind: "skipped"; reason: string; requests: 0 }
  /** The lease was lost (another worker took the window after expiry): nothing was written. */
  | { kind: "lost_lease"; requests: number };

export interface WindowContext {
  deps: WorkerDeps;
  cfg: WorkerConfig;
  owner: string;
  budget: DayBudget;
  selection: (type: string) => CompiledSelection | null;
  /** Which measurements are written as series rows with the records (ingest's `MEASUREMENTS`). */
  measurements?: MeasurementSelection;
}

/** Exponential backoff with full jitter, for errors that survived the client's own retries. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(1_000 * 2 ** attempt, 300_000);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** A window wider than the normal size (or crossing a month) is asked through the webhook. */
export function wantsWebhook(w: { startDate: string; endDate: string }, cfg: WorkerConfig): boolean {
  if (!cfg.useWebhookForLongRanges) return false;
  return (
    rangeDays({ start: w.startDate, end: w.endDate }) > cfg.windowDays ||
    w.startDate.slice(0, 7) !== w.endDate.slice(0, 7)
  );
}

/** What a data answer held beside its valid records (ADR 0203). */
export interface RecordCounts {
  invalidRecords: number;
  warnings: number;
}

/** A window whose answer came back with records (or none), not yet stored. */
export interface Fetched {
  kind: "fetched";
  window: WindowRow;
  /**
   * The answer's documents as they will be stored (key, indexed columns, JSON text): a batch holds
   * its answers until it stores them, and this is a few times smaller than the parsed objects.
   */
  records: PreparedRecords;
  fetchedAt: Date;
  requests: number;
  report: RecordCounts;
}

/**
 * Asks Terra for one leased window. Every answer but data is settled here (rescheduled, waiting for
 * the webhook, failed); data comes back to be stored with the rest of its batch.
 */
export async function fetchWindow(ctx: WindowContext, w: WindowRow): Promise<Fetched | WindowOutcome> {
  const { deps, cfg, owner, budget } = ctx;
  const days = rangeDays({ start: w.startDate, end: w.endDate });
  const now = deps.clock.now();
  const wait = budget.reserve(w.userId, days, now);
  if (wait > 0) {
    await release(deps.db, { id: w.id, owner, notBefore: new Date(now + wait), countAttempt: false });
    return { kind: "deferred", untilMs: now + wait, reason: "budget", requests: 0 };
  }
  const toWebhook = wantsWebhook(w, cfg);
  let answer: Awaited<ReturnType<WorkerDeps["terra"]["getData"]>>;
  try {
    answer = await deps.terra.getData(w.dataType, {
      userId: w.userId,
      startDate: w.startDate,
      endDate: w.endDate,
      toWebhook,
      withSamples: cfg.withSamples,
    });
  } catch (err) {
    return onError(ctx, w, days, err);
  }
  const requests = answer.meta.attempts;
  budget.observe(w.userId, answer.meta.rateLimit, deps.clock.now());
  const body = answer.result;
  switch (body.kind) {
    case "processing": {
      const untilMs = deps.clock.now() + (body.retryAfterSeconds ?? 60) * 1000;
      budget.refund(w.userId, days);
      await release(deps.db, { id: w.id, owner, notBefore: new Date(untilMs), countAttempt: false });
      return { kind: "deferred", untilMs, reason: "processing", requests };
    }
    case "sent_to_webhook": {
      await waitForWebhook(deps.db, {
        id: w.id,
        owner,
        reference: answer.meta.reference ?? body.reference,
        // After this, claimWindows hands the window out again: the webhook did not deliver in time.
        deadline: new Date(deps.clock.now() + cfg.webhookWaitSeconds * 1000),
      });
      return { kind: "waiting_webhook", reference: body.reference, requests };
    }
    case "no_data":
    case "data": {
      const records =
        body.kind === "no_data" ? [] : "data" in body ? (body.data as unknown[]) : [body.athlete as unknown];
      const report = body.kind === "data" ? reportRecords(deps, w, body) : { invalidRecords: 0, warnings: 0 };
      const selection = ctx.selection(w.dataType);
      const selected = selection ? records.map((r) => selectFields(r, selection)) : records;
      return {
        kind: "fetched",
        window: w,
        records: PreparedRecords.of(w.dataType, selected, ctx.measurements),
        fetchedAt: new Date(deps.clock.now()),
        requests,
        report,
      };
    }
  }
  const unknown: never = body;
  throw new Error(`unexpected data response ${JSON.stringify((unknown as { kind?: unknown }).kind)}`);
}

/**
 * One log line per window whose answer had records that failed validation (they are not stored;
 * the others are, and the window is done), and one for warnings: paths, codes and messages, which
 * never quote a received value.
 */
function reportRecords(
  deps: WorkerDeps,
  w: WindowRow,
  body: { failedRecords: readonly RecordFailure[]; warnings: readonly SchemaWarning[] },
): RecordCounts {
  const window = { userId: w.userId, type: w.dataType, start: w.startDate, end: w.endDate };
  if (body.failedRecords.length) {
    const failed = body.failedRecords.map((f) => ({
      index: f.index,
      issues: f.issues.map((i) => `${i.path}: ${i.message}${i.count > 1 ? ` (×${i.count})` : ""}`),
    }));
    deps.logger.warn(
      { ...window, failedRecords: failed },
      "records failed validation; the others are stored",
    );
  }
  if (body.warnings.length) {
    const warnings = body.warnings.slice(0, 20).map((x) => ({ path: x.path, code: x.code, count: x.count }));
    deps.logger.info({ ...window, warnings, total: body.warnings.length }, "records kept with warnings");
  }
  return { invalidRecords: body.failedRecords.length, warnings: body.warnings.length };
}

function hasIssues(v: unknown): v is { issues: { path: PropertyKey[]; message: string }[] } {
  return typeof v === "object" && v !== null && Array.isArray((v as { issues?: unknown }).issues);
}

async function onError(ctx: WindowContext, w: WindowRow, days: number, err: unknown): Promise<WindowOutcome> {
  const { deps, owner, budget, cfg } = ctx;
  const now = deps.clock.now();
  const e = err as TerraError;
  const requests = typeof e?.attempts === "number" ? e.attempts : 1;
  // What goes into the window's error column and the pass summary: reduced like every stored error.
  const message = safeErrorText(err);
  if (err instanceof TerraAuthError) {
    await release(deps.db, { id: w.id, owner, notBefore: new Date(now), countAttempt: false });
    return { kind: "credentials", message, requests };
  }
  if (err instanceof TerraNotFoundError) {
    await fail(deps.db, { id: w.id, owner, error: message });
    return { kind: "user_stopped", code: "unknown_user", message, requests };
  }
  if (err instanceof TerraResponseError && hasIssues(err.cause)) {
    // Asking again returns the same body: record the schema mismatch (paths, never values) and stop.
    const issues = err.cause.issues
      .slice(0, 3)
      .map((i) => `${i.path.join(".")}: ${i.message}`)
      .join("; ");
    const detail = `${message} (${issues})`;
    await fail(deps.db, { id: w.id, owner, error: detail });
    return { kind: "failed", code: "invalid_response", message: detail, requests };
  }
  if (err instanceof TerraBadRequestError || (err instanceof TerraRateLimitError && err.rule === "r1")) {
    await fail(deps.db, { id: w.id, owner, error: message });
    return { kind: "failed", code: "bad_request", message, requests };
  }
  if (err instanceof TerraRateLimitError) {
    const untilMs = now + (err.retryAfterSeconds ?? 60) * 1000;
    budget.block(w.userId, untilMs);
    await release(deps.db, {
      id: w.id,
      owner,
      notBefore: new Date(untilMs),
      error: message,
      countAttempt: false,
    });
    return { kind: "deferred", untilMs, reason: "rate_limited", requests };
  }
  budget.refund(w.userId, days);
  // Transient (5xx, time-out, network, truncated body) or unexpected: back off, then give up.
  if (w.attempts + 1 >= cfg.maxAttempts) {
    await fail(deps.db, { id: w.id, owner, error: message });
    return { kind: "failed", code: "transient_exhausted", message, requests };
  }
  const untilMs = now + backoffMs(w.attempts);
  await release(deps.db, {
    id: w.id,
    owner,
    notBefore: new Date(untilMs),
    error: message,
    countAttempt: true,
  });
  return { kind: "deferred", untilMs, reason: "transient", requests };
}

/** A window of a user stopped earlier in this pass (404): recorded, not fetched. */
export async function stopWindow(ctx: WindowContext, w: WindowRow, reason: string): Promise<WindowOutcome> {
  await fail(ctx.deps.db, { id: w.id, owner: ctx.owner, error: `skipped: ${reason}` });
  return { kind: "skipped", reason, requests: 0 };
}
