import { sql } from "drizzle-orm";
import { bigserial, integer, pgTable, text, timestamp, unique } from "drizzle-orm/pg-core";

/** Distinct chunk deliveries of one large request, counted against its expected payloads. */
export const largeRequestChunks = pgTable(
  "large_request_chunks",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    reference: text("reference").notNull(),
    deliveryKey: text("delivery_key").notNull(),
    userId: text("user_id"),
    documents: integer("documents").notNull().default(0),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [unique("large_request_chunks_uq").on(t.reference, t.deliveryKey)],
);
