import { sql } from "drizzle-orm";
import { bigint, bigserial, customType, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const EVENT_STATUSES = ["received", "processed", "failed", "ignored", "pending"] as const;
export type EventStatus = (typeof EVENT_STATUSES)[number];

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
    type: text("type").notNull(),
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
  },
  (t) => [
    index("webhook_events_status_idx").on(t.status, t.id),
    index("webhook_events_type_idx").on(t.type, t.id),
    index("webhook_events_user_idx").on(t.userId, t.id),
    index("webhook_events_received_at_idx").on(t.receivedAt),
    index("webhook_events_reference_idx").on(t.reference),
  ],
);
