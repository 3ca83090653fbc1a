import { sql } from "drizzle-orm";
import { bigint, bigserial, boolean, date, jsonb, text, timestamp } from "drizzle-orm/pg-core";

export const RECORD_SOURCES = ["webhook", "backfill", "replay"] as const;
export type RecordSource = (typeof RECORD_SOURCES)[number];

/** Columns every data-type table shares; each table adds the few columns its queries need. */
export function recordColumns() {
  return {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: text("user_id").notNull(),
    naturalKey: text("natural_key").notNull(),
    startTime: text("start_time"),
    endTime: text("end_time"),
    localDate: date("local_date", { mode: "string" }),
    document: jsonb("document").notNull(),
    orderingTs: bigint("ordering_ts", { mode: "number" }).notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull(),
    source: text("source").$type<RecordSource>().notNull(),
    eventId: bigint("event_id", { mode: "number" }),
    // Whether the last upsert that touched the row changed its document: lets one statement's
    // RETURNING tell "updated" from "newer copy, same content" (see ADR 0300).
    lastWriteChanged: boolean("last_write_changed").notNull().default(true),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().default(sql`now()`),
  };
}
