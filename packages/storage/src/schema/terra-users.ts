import { sql } from "drizzle-orm";
import { boolean, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export const CONNECTION_STATUSES = ["active", "deauthorized", "revoked", "error"] as const;
export type ConnectionStatus = (typeof CONNECTION_STATUSES)[number];

/** One Terra connection (a Terra user id). A re-auth links the old and new ids both ways. */
export const terraUsers = pgTable(
  "terra_users",
  {
    userId: text("user_id").primaryKey(),
    provider: text("provider").notNull(),
    referenceId: text("reference_id"),
    status: text("status").$type<ConnectionStatus>().notNull().default("active"),
    active: boolean("active").notNull().default(true),
    scopes: text("scopes"),
    statusReason: text("status_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().default(sql`now()`),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().default(sql`now()`),
    connectedAt: timestamp("connected_at", { withTimezone: true }),
    deauthorizedAt: timestamp("deauthorized_at", { withTimezone: true }),
    lastEventAt: timestamp("last_event_at", { withTimezone: true }),
    replacedBy: text("replaced_by"),
    replaces: text("replaces"),
  },
  (t) => [
    index("terra_users_reference_id_idx").on(t.referenceId),
    index("terra_users_status_idx").on(t.status, t.userId),
  ],
);
