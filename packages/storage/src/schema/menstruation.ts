import { index, pgTable, uniqueIndex } from "drizzle-orm/pg-core";
import { recordColumns } from "./record-columns.ts";

/** Per-day menstruation records, keyed by the date part of start_time. */
export const menstruationRecords = pgTable(
  "menstruation",
  {
    ...recordColumns(),
  },
  (t) => [
    uniqueIndex("menstruation_user_key_uq").on(t.userId, t.naturalKey),
    index("menstruation_user_date_idx").on(t.userId, t.localDate.asc().nullsFirst(), t.id),
    index("menstruation_change_idx").on(t.changeXid, t.id),
  ],
);
