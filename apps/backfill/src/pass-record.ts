// A finished pass as the row the admin app exports (ADR 0610). No user id goes in: window errors
// are counted by code; only errors about the whole pass (credentials, /subscriptions) keep their
// message, already reduced (safeErrorText), which names no user and no value.
import type { BackfillPassInput, PassKind } from "@wearables/storage";
import type { PassSummary } from "./progress.ts";

const MAX_SUMMARY = 500;

/** `bad_credentials: TerraAuthError: …; transient_exhausted ×3; unknown_user ×1`, or null. */
export function errorSummary(errors: PassSummary["errors"]): string | null {
  if (errors.length === 0) return null;
  const passWide = errors.filter((e) => e.userId === "*").map((e) => `${e.code}: ${e.message}`);
  const counts = new Map<string, number>();
  for (const e of errors) if (e.userId !== "*") counts.set(e.code, (counts.get(e.code) ?? 0) + 1);
  const windows = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const text = [...passWide, ...windows.map(([code, n]) => `${code} ×${n}`)].join("; ");
  return text.length > MAX_SUMMARY ? `${text.slice(0, MAX_SUMMARY - 1)}…` : text;
}

export function passRecord(s: PassSummary, kind: PassKind, finishedAtMs: number): BackfillPassInput {
  return {
    pass: s.pass,
    kind,
    startedAt: new Date(s.startedAt),
    finishedAt: new Date(finishedAtMs),
    ok: s.ok,
    usersActive: s.users.active,
    windowsPlanned: s.windows.planned,
    windowsDone: s.windows.done,
    windowsFailed: s.windows.failed,
    windowsDeferred: s.windows.deferred,
    documentsInserted: s.documents.inserted,
    documentsUpdated: s.documents.updated,
    documentsUnchanged: s.documents.unchanged,
    invalidRecords: s.invalidRecords,
    warnings: s.warnings,
    requests: s.requests,
    errors: s.errors.length,
    errorSummary: errorSummary(s.errors),
  };
}
