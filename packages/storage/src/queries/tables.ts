import { sql } from "drizzle-orm";
import { type Executor, rows } from "../db.ts";

/** Every table of the schema (for tests and diagnostics), from information_schema. */
export async function listTables(ex: Executor): Promise<string[]> {
  const r = await rows<{ table_name: string }>(
    ex,
    sql`select table_name from information_schema.tables
        where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`,
  );
  return r.map((x) => x.table_name);
}
