import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  date,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

export const WINDOW_STATUSES = ["pending", "leased", "waiting_webhook", "done", "failed"] as const;
export type WindowStatus = (typeof WINDOW_STATUSES)[number];

/** One unit of backfill work (user × type × inclusive date range), leased by one worker at a time. */
export const backfillWindows = pgTable(
  "backfill_windows",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    jobId: bigint("job_id", { mode: "number" }),
    userId: text("user_id").notNull(),
    dataType: text("data_type").notNull(),
    startDate: date("start_date", { mode: "string" }).notNull(),
    endDate: date("end_date", { mode: "string" }).notNull(),
    status: text("status").$type<WindowStatus>().notNull().default("pending"),
    leaseOwner: text("lease_owner"),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true }),
    notBefore: timestamp("not_before", { withTimezone: true }).notNull().default(sql`now()`),
    attempts: integer("attempts").notNull().default(0),
    reference: text("reference"),
    expectedPayloads: integer("expected_payloads"),
    receivedPayloads: integer("received_payloads").notNull().default(0),
    documents: integer("documents").notNull().default(0),
    error: text("error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [
    // Live windows are unique so that concurrent planners insert each one once (ON CONFLICT DO NOTHING).
    uniqueIndex("backfill_windows_live_uq")
      .on(t.userId, t.dataType, t.startDate, t.endDate)
      .where(sql`status IN ('pending', 'leased', 'waiting_webhook')`),
    index("backfill_windows_claim_idx").on(t.status, t.notBefore),
    // claimWindows walks these in claim order and stops after its limit (migration 0004): a queue of
    // tens of thousands of windows is not scanned and sorted on every claim.
    index("backfill_windows_pending_idx").on(t.notBefore, t.id).where(sql`status = 'pending'`),
    index("backfill_windows_expiry_idx")
      .on(t.leaseExpiresAt, t.id)
      .where(sql`status IN ('leased', 'waiting_webhook')`),
    index("backfill_windows_job_idx").on(t.jobId),
    index("backfill_windows_reference_idx").on(t.reference),
  ],
);
