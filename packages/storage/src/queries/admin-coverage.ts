// Read-only per-type record statistics for the admin API's coverage view. Additive: no table or
// index of its own; each per-type table already has (user_id, local_date, id).
import { DATA_TYPES, type DataType } from "@wearables/schemas";
import { sql } from "drizzle-orm";
import { type Executor, rows } from "../db.ts";
import { recordTable } from "../record-tables.ts";

export interface RecordStats {
  type: DataType;
  records: number;
  firstDate: string | null;
  lastDate: string | null;
  lastReceivedAt: Date | null;
}

/** For each data type with at least one stored record of the user: count, first and last day, last receipt. */
export async function recordStats(ex: Executor, userId: string): Promise<RecordStats[]> {
  const parts = DATA_TYPES.map(
    (type) =>
      sql`select ${type}::text as type, count(*) as records, min(local_date)::text as first_date,
            max(local_date)::text as last_date, max(received_at) as last_received_at
          from ${recordTable(type)} where user_id = ${userId}`,
  );
  const r = await rows<{
    type: DataType;
    records: string | number;
    first_date: string | null;
    last_date: string | null;
    last_received_at: string | Date | null;
  }>(ex, sql.join(parts, sql` union all `));
  return r
    .filter((x) => Number(x.records) > 0)
    .map((x) => ({
      type: x.type,
      records: Number(x.records),
      firstDate: x.first_date,
      lastDate: x.last_date,
      lastReceivedAt: x.last_received_at === null ? null : new Date(x.last_received_at),
    }));
}
