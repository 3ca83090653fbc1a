import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
} from "drizzle-orm/pg-core";

/**
 * `received`: acknowledged and waiting for a processor. `processed`, `ignored`: done. `partial`:
 * processed, but some records failed validation (their errors are in `error`). `failed`: nothing
 * applied (a clear error, replayable). `pending`: waiting on something outside (an s3_payload
 * download that failed).
 */
export const EVENT_STATUSES = ["received", "processed", "failed", "ignored", "pending", "partial"] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

/** Something accepted but not known (an enum code Terra added, a longer coordinate): kept, flagged. */
export interface StoredWarning {
  path: string;
  code: string;
  message: string;
}

/** bytea as Uint8Array on both drivers (pg returns Buffer, a Uint8Array subclass). */
export const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
});

/** The inbox: every delivery as received, deduplicated on `delivery_key`. */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    deliveryKey: text("delivery_key").notNull().unique("webhook_events_delivery_key_uq"),
    traceId: text("trace_id"),
    reference: text("reference"),
    // Terra's `type` as sent; null until a processor has parsed the body (the ack parses nothing).
    type: text("type"),
    userId: text("user_id"),
    // Null once the retention purge has run; the delivery key outlives it for deduplication.
    rawBody: bytea("raw_body"),
    bodySha256: text("body_sha256").notNull(),
    bodyBytes: integer("body_bytes").notNull(),
    orderingTs: bigint("ordering_ts", { mode: "number" }),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().default(sql`now()`),
    status: text("status").$type<EventStatus>().notNull().default("received"),
    error: text("error"),
    attempts: integer("attempts").notNull().default(0),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    source: text("source").notNull().default("webhook"),
    warnings: jsonb("warnings").$type<StoredWarning[]>(),
    // The processor holding a received row, until when (FOR UPDATE SKIP LOCKED claims; a crashed
    // processor's rows are claimed again once the lease has passed).
    leaseOwner: text("lease_owner"),
    leaseExpiresAt: timestamp("lease_expires_at", { withTimezone: true }),
    // A row whose processing failed for reasons outside its payload (the database) waits until then.
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true }),
    // Claims that found the previous holder's lease passed with no outcome (killed or hung while
    // holding it): past a bound the row is failed, replayable, instead of killing processors forever.
    lostLeases: integer("lost_leases").notNull().default(0),
  },
  (t) => [
    // Partial where an acknowledgement leaves the column empty (type, user: until processed;
    // reference: most deliveries) or the status is one nobody lists by (processed, ignored), so
    // the acknowledgement's INSERT maintains four indexes, not eight (ADR 0503).
    index("webhook_events_status_idx")
      .on(t.status, t.id)
      .where(sql`status in ('failed', 'pending', 'partial')`),
    index("webhook_events_type_idx").on(t.type, t.id).where(sql`type is not null`),
    index("webhook_events_user_idx").on(t.userId, t.id).where(sql`user_id is not null`),
    index("webhook_events_received_at_idx").on(t.receivedAt),
    index("webhook_events_reference_idx").on(t.reference).where(sql`reference is not null`),
    // The processing queue: received rows in arrival order, nothing else (the claim reads only this).
    index("webhook_events_queue_idx").on(t.id).where(sql`status = 'received'`),
    // The inbox's "with warnings" filter: few events have any, so the newest-first walk reads only these.
    index("webhook_events_warnings_idx").on(t.id).where(sql`warnings is not null`),
  ],
);
