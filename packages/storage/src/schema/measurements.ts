import { bigint, doublePrecision, index, pgTable, smallint, text, timestamp } from "drizzle-orm/pg-core";

/**
 * One value of one measurement of the catalog (`@wearables/schemas`), taken out of a stored record
 * at upsert and replaced with it (ADR 0304). `local_ts` is the wall-clock time as Terra wrote it and
 * `utc_offset` the offset written with it (null: none written, the time is the user's local time),
 * so a point's local day is `local_ts::date`. Columns are ordered widest first: no padding.
 */
export const measurements = pgTable(
  "measurements",
  {
    localTs: timestamp("local_ts", { mode: "string" }).notNull(),
    value: doublePrecision("value").notNull(),
    /** The id of the record it came from, in the table of the measurement's model. */
    recordId: bigint("record_id", { mode: "number" }).notNull(),
    /** The catalog code (`MeasurementDefinition.code`). */
    measurement: smallint("measurement").notNull(),
    /** Minutes east of UTC as written. */
    utcOffset: smallint("utc_offset"),
    userId: text("user_id").notNull(),
  },
  (t) => [
    // One user's series (GET /v1/users/{id}/series), and who crossed a threshold (GET
    // /v1/series/{measurement}: a skip scan over users probing each one's range). `value` is a key
    // column so both read the index alone. A second, time-first index would serve long threshold
    // ranges faster but cost every write (ADR 0304).
    index("measurements_user_idx").on(t.userId, t.measurement, t.localTs, t.value),
    // Replacing a record's rows when a newer copy of the record wins.
    index("measurements_record_idx").on(t.recordId),
  ],
);
