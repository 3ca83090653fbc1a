import { doublePrecision, index, integer, pgTable, uniqueIndex } from "drizzle-orm/pg-core";
import { recordColumns } from "./record-columns.ts";

/** Per-day activity summaries, keyed by the date part of start_time. */
export const dailyRecords = pgTable(
  "daily",
  {
    ...recordColumns(),
    steps: integer("steps"),
    distanceMeters: doublePrecision("distance_meters"),
    activeCalories: doublePrecision("active_calories"),
    restingHrBpm: doublePrecision("resting_hr_bpm"),
  },
  (t) => [
    uniqueIndex("daily_user_key_uq").on(t.userId, t.naturalKey),
    index("daily_user_date_idx").on(t.userId, t.localDate.asc().nullsFirst(), t.id),
    index("daily_change_idx").on(t.changeXid, t.id),
  ],
);
