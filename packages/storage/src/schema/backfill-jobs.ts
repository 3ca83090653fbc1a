import { sql } from "drizzle-orm";
import { bigserial, date, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const JOB_STATUSES = ["queued", "running", "waiting", "done", "failed", "cancelled"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** A requested backfill (user × types × date range); its work is split into backfill_windows. */
export const backfillJobs = pgTable(
  "backfill_jobs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: text("user_id").notNull(),
    dataTypes: text("data_types").array().notNull(),
    startDate: date("start_date", { mode: "string" }).notNull(),
    endDate: date("end_date", { mode: "string" }).notNull(),
    status: text("status").$type<JobStatus>().notNull().default("queued"),
    requestedBy: text("requested_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().default(sql`now()`),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    error: text("error"),
    windowsTotal: integer("windows_total").notNull().default(0),
    windowsDone: integer("windows_done").notNull().default(0),
    documents: integer("documents").notNull().default(0),
  },
  (t) => [
    index("backfill_jobs_status_idx").on(t.status, t.id),
    index("backfill_jobs_user_idx").on(t.userId, t.id),
  ],
);
