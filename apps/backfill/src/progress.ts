/**
 * What one pass reports: a live bar on a terminal (stderr, so stdout stays clean), otherwise one
 * JSON summary line per pass on stdout for log collectors.
 */

export interface PassSummary {
  pass: string;
  startedAt: string;
  durationMs: number;
  /** Of which reconciling and planning (the rest is fetching and storing). */
  planMs: number;
  ok: boolean;
  users: { active: number; added: number; markedGone: number; stopped: number };
  windows: {
    planned: number;
    done: number;
    failed: number;
    skipped: number;
    deferred: number;
    waitingWebhook: number;
  };
  documents: { inserted: number; updated: number; unchanged: number };
  /** Records of Terra's answers that failed validation: not stored, the rest of their window was. */
  invalidRecords: number;
  /** Warnings about stored records (an enum code this version does not know, …). */
  warnings: number;
  requests: number;
  /** Days of the windows this pass planned (what it asks Terra for, re-tries aside). */
  daysRequested: number;
  errors: { userId: string; type?: string; code: string; message: string }[];
}

export interface ProgressState {
  windowsDone: number;
  windowsTotal: number;
  documents: number;
  startedAtMs: number;
  nowMs: number;
}

export interface ProgressReporter {
  update(state: ProgressState): void;
  finish(summary: PassSummary): void;
}

function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return "--:--";
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
}

/** One line of the bar: windows done/total, documents, rate, ETA. Pure, for tests. */
export function renderBar(state: ProgressState, width = 24): string {
  const total = Math.max(state.windowsTotal, 0);
  const frac = total === 0 ? 1 : Math.min(state.windowsDone / total, 1);
  const filled = Math.round(frac * width);
  const elapsed = Math.max(state.nowMs - state.startedAtMs, 1);
  const rate = (state.documents * 1000) / elapsed;
  const eta =
    state.windowsDone === 0 ? Number.NaN : (elapsed / state.windowsDone) * (total - state.windowsDone);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${state.windowsDone}/${total} windows · ${state.documents} docs · ${rate.toFixed(0)} docs/s · ETA ${formatDuration(eta)}`;
}

export function renderSummaryLine(summary: PassSummary): string {
  return JSON.stringify({ msg: "backfill pass", ...summary });
}

interface Writable {
  write(chunk: string): unknown;
}

/** Redraws at most every `intervalMs`, on one line of a terminal. */
export function ttyReporter(stream: Writable, intervalMs = 100): ProgressReporter {
  let last = 0;
  return {
    update(state) {
      if (state.nowMs - last < intervalMs && state.windowsDone < state.windowsTotal) return;
      last = state.nowMs;
      stream.write(`\r\x1b[2K${renderBar(state)}`);
    },
    finish(s) {
      const docs = s.documents.inserted + s.documents.updated + s.documents.unchanged;
      stream.write(
        `\r\x1b[2K${s.ok ? "done" : "FAILED"}: ${s.windows.done}/${s.windows.planned} windows, ${docs} documents, ${s.requests} requests in ${formatDuration(s.durationMs)}` +
          `${s.windows.failed ? `, ${s.windows.failed} failed` : ""}${s.windows.deferred ? `, ${s.windows.deferred} deferred` : ""}` +
          `${s.invalidRecords ? `, ${s.invalidRecords} invalid records not stored` : ""}${s.warnings ? `, ${s.warnings} warnings` : ""}\n`,
      );
      for (const e of s.errors.slice(0, 20)) {
        stream.write(`  ${e.userId}${e.type ? ` ${e.type}` : ""}: ${e.code} ${e.message}\n`);
      }
    },
  };
}

export function jsonReporter(stream: Writable): ProgressReporter {
  return {
    update() {},
    finish(summary) {
      stream.write(`${renderSummaryLine(summary)}\n`);
    },
  };
}

export const silentReporter: ProgressReporter = { update() {}, finish() {} };
