import { sql } from "drizzle-orm";
import { bigint, bigserial, date, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** What has been fetched: inclusive date ranges per user and data type, merged when they touch. */
export const coverage = pgTable(
  "coverage",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: text("user_id").notNull(),
    dataType: text("data_type").notNull(),
    startDate: date("start_date", { mode: "string" }).notNull(),
    endDate: date("end_date", { mode: "string" }).notNull(),
    fetchedAt: timestamp("fetched_at", { withTimezone: true }).notNull().default(sql`now()`),
    source: text("source").notNull(),
    jobId: bigint("job_id", { mode: "number" }),
  },
  (t) => [index("coverage_user_type_idx").on(t.userId, t.dataType, t.startDate)],
);
