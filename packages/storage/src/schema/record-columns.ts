import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  integer,
  jsonb,
  text,
  timestamp,
} from "drizzle-orm/pg-core";

export const RECORD_SOURCES = ["webhook", "backfill", "replay"] as const;
export type RecordSource = (typeof RECORD_SOURCES)[number];

/**
 * PostgreSQL's 64-bit transaction id (`pg_current_xact_id()`), as text on both drivers. It never
 * wraps around, so it orders the change feed for the life of the database (ADR 0305).
 */
export const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => "xid8" });

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
    // The change feed (ADR 0305): the transaction that last created or changed the document, and how
    // many times it has been created or changed (1: created).
    changeXid: xid8("change_xid").notNull().default(sql`pg_current_xact_id()`),
    revision: integer("revision").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().default(sql`now()`),
  };
}
