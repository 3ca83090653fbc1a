import { doublePrecision, index, integer, pgTable, uniqueIndex } from "drizzle-orm/pg-core";
import { recordColumns } from "./record-columns.ts";

/** Per-day body metrics (scale, cuff, ECG), keyed by the date part of start_time. */
export const bodyRecords = pgTable(
  "body",
  {
    ...recordColumns(),
    weightKg: doublePrecision("weight_kg"),
    bodyfatPercentage: doublePrecision("bodyfat_percentage"),
    systolicBp: doublePrecision("systolic_bp"),
    diastolicBp: doublePrecision("diastolic_bp"),
    afibPositiveCount: integer("afib_positive_count"),
  },
  (t) => [
    uniqueIndex("body_user_key_uq").on(t.userId, t.naturalKey),
    index("body_user_date_idx").on(t.userId, t.localDate.asc().nullsFirst(), t.id),
    index("body_change_idx").on(t.changeXid, t.id),
  ],
);
