import { index, pgTable, uniqueIndex } from "drizzle-orm/pg-core";
import { recordColumns } from "./record-columns.ts";

/** Per-day nutrition records, keyed by the date part of start_time. */
export const nutritionRecords = pgTable(
  "nutrition",
  {
    ...recordColumns(),
  },
  (t) => [
    uniqueIndex("nutrition_user_key_uq").on(t.userId, t.naturalKey),
    index("nutrition_user_date_idx").on(t.userId, t.localDate.asc().nullsFirst(), t.id),
    index("nutrition_change_idx").on(t.changeXid, t.id),
  ],
);
