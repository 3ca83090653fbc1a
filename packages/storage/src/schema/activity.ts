import { doublePrecision, index, integer, pgTable, uniqueIndex } from "drizzle-orm/pg-core";
import { recordColumns } from "./record-columns.ts";

/** Completed workouts, keyed by summary id. */
export const activityRecords = pgTable(
  "activity",
  {
    ...recordColumns(),
    activityType: integer("activity_type"),
    durationSeconds: doublePrecision("duration_seconds"),
  },
  (t) => [
    uniqueIndex("activity_user_key_uq").on(t.userId, t.naturalKey),
    index("activity_user_date_idx").on(t.userId, t.localDate.asc().nullsFirst(), t.id),
    index("activity_change_idx").on(t.changeXid, t.id),
  ],
);
