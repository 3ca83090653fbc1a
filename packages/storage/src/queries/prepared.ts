// Hot read statements whose text never changes run as named prepared statements on PostgreSQL:
// parsed and planned once per connection instead of on every request. PGlite (one in-process
// connection) and open transactions take the ordinary path.
import type { SQL } from "drizzle-orm";
import type pg from "pg";
import { type Executor, isDb, rows } from "../db.ts";

interface Internals {
  dialect: { sqlToQuery(query: SQL): { sql: string; params: unknown[] } };
  $client: pg.Pool;
}

/** rows(ex, query), prepared under `name` on PostgreSQL. `name` must always go with the same text. */
export async function preparedRows<T>(ex: Executor, name: string, query: SQL): Promise<T[]> {
  if (!isDb(ex) || ex.kind !== "postgres") return rows<T>(ex, query);
  const orm = ex.orm as unknown as Internals;
  const { sql: text, params } = orm.dialect.sqlToQuery(query);
  const result = await orm.$client.query<T & pg.QueryResultRow>({ name, text, values: params });
  return result.rows;
}
