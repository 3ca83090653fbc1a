import { doublePrecision, index, pgTable, uniqueIndex } from "drizzle-orm/pg-core";
import { recordColumns } from "./record-columns.ts";

/** Sleep sessions, keyed by summary id. */
export const sleepRecords = pgTable(
  "sleep",
  {
    ...recordColumns(),
    asleepSeconds: doublePrecision("asleep_seconds"),
    sleepEfficiency: doublePrecision("sleep_efficiency"),
    inBedSeconds: doublePrecision("in_bed_seconds"),
  },
  (t) => [
    uniqueIndex("sleep_user_key_uq").on(t.userId, t.naturalKey),
    index("sleep_user_date_idx").on(t.userId, t.localDate.asc().nullsFirst(), t.id),
    index("sleep_change_idx").on(t.changeXid, t.id),
  ],
);
