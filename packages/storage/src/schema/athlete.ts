import { index, pgTable, uniqueIndex } from "drizzle-orm/pg-core";
import { recordColumns } from "./record-columns.ts";

/** The athlete profile: one per connection, the latest wins. */
export const athleteRecords = pgTable(
  "athlete",
  {
    ...recordColumns(),
  },
  (t) => [
    uniqueIndex("athlete_user_key_uq").on(t.userId, t.naturalKey),
    index("athlete_user_date_idx").on(t.userId, t.localDate.asc().nullsFirst(), t.id),
    index("athlete_change_idx").on(t.changeXid, t.id),
  ],
);
