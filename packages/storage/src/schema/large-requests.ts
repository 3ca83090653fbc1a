import { sql } from "drizzle-orm";
import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * The markers of one large request (by reference). Kept apart from the windows because Terra's
 * `large_request_sending` can arrive before the worker has recorded which window the reference
 * belongs to.
 */
export const largeRequests = pgTable("large_requests", {
  reference: text("reference").primaryKey(),
  userId: text("user_id"),
  expectedPayloads: integer("expected_payloads"),
  processingAt: timestamp("processing_at", { withTimezone: true }),
  sendingAt: timestamp("sending_at", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().default(sql`now()`),
});
