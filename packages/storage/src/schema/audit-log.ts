import { sql } from "drizzle-orm";
import { bigserial, index, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** Who did what to whom. Never holds health payloads. */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().default(sql`now()`),
    actor: text("actor").notNull(),
    action: text("action").notNull(),
    targetUserId: text("target_user_id"),
    details: jsonb("details"),
  },
  (t) => [index("audit_log_target_idx").on(t.targetUserId, t.id)],
);
