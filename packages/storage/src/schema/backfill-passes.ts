import { bigserial, boolean, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** `run`: a pass over every active connection (cron, `--every`, pnpm start); `user`: `backfill user <id>`. */
export const PASS_KINDS = ["run", "user"] as const;
export type PassKind = (typeof PASS_KINDS)[number];

/**
 * One finished backfill pass, written as it ends: the backfill exits after a pass under cron, so
 * its outcome is kept here for a long-running app to export (ADR 0610). No user id and no payload
 * value: counts, and an error summary of codes (passes are not erased with a user).
 */
export const backfillPasses = pgTable(
  "backfill_passes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    /** The pass's id in its log lines and summary. */
    pass: text("pass").notNull(),
    kind: text("kind").$type<PassKind>().notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull(),
    finishedAt: timestamp("finished_at", { withTimezone: true }).notNull(),
    ok: boolean("ok").notNull(),
    usersActive: integer("users_active").notNull().default(0),
    windowsPlanned: integer("windows_planned").notNull().default(0),
    windowsDone: integer("windows_done").notNull().default(0),
    windowsFailed: integer("windows_failed").notNull().default(0),
    windowsDeferred: integer("windows_deferred").notNull().default(0),
    documentsInserted: integer("documents_inserted").notNull().default(0),
    documentsUpdated: integer("documents_updated").notNull().default(0),
    documentsUnchanged: integer("documents_unchanged").notNull().default(0),
    invalidRecords: integer("invalid_records").notNull().default(0),
    warnings: integer("warnings").notNull().default(0),
    requests: integer("requests").notNull().default(0),
    errors: integer("errors").notNull().default(0),
    /** `code ×n; …`, and the message of errors that concern the whole pass (credentials, reconcile). */
    errorSummary: text("error_summary"),
  },
  (t) => [index("backfill_passes_kind_idx").on(t.kind, t.finishedAt)],
);
