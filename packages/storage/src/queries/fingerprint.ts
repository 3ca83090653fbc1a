// A cheap validator for reads of whole documents (ADR 0710): what an answer would contain changes
// exactly when the set of (record id, revision) in its range changes, and that set is read from the
// rows' small columns without decoding a single document.
import type { DataType } from "@wearables/schemas";
import { type SQL, sql } from "drizzle-orm";
import { type Executor, rows } from "../db.ts";

export interface FingerprintArgs {
  userId: string;
  types: readonly DataType[];
  /** Inclusive local dates, as the read they stand for filters them. */
  startDate?: string;
  endDate?: string;
}

/**
 * A digest of the (table, id, revision) of every record of the user in the range: equal digests,
 * equal records. Computed before the documents are read (a write in between only costs the client
 * one more full answer, never a stale 304).
 */
export async function recordsFingerprint(ex: Executor, args: FingerprintArgs): Promise<string> {
  const parts = args.types.map((type) => {
    const conds: SQL[] = [sql`user_id = ${args.userId}`];
    if (args.startDate) conds.push(sql`local_date >= ${args.startDate}::date`);
    if (args.endDate) conds.push(sql`local_date <= ${args.endDate}::date`);
    return sql`(select ${type}::text as t, count(*)::int as n,
        coalesce(md5(string_agg(id::text || ':' || revision::text, ',' order by id)), '') as digest
      from ${sql.identifier(type)} where ${sql.join(conds, sql` and `)})`;
  });
  if (parts.length === 0) return "";
  const r = await rows<{ t: string; n: number; digest: string }>(ex, sql.join(parts, sql` union all `));
  return r
    .map((x) => `${x.t}:${x.n}:${x.digest}`)
    .sort()
    .join("|");
}
