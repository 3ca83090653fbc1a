import { type SQL, sql } from "drizzle-orm";
import { type Executor, type Orm, rows, transaction } from "../db.ts";
import { refreshJobs } from "./jobs.ts";

/**
 * Queries of the backfill worker's planner that the window and coverage queries do not cover
 * (additive, read-only; owned by apps/backfill, ADR 0600).
 */

export interface FreshRange {
  dataType: string;
  start: string;
  end: string;
}

/**
 * Ranges of one user's windows completed at or after `since` that overlap [from, to]: what an
 * overlapping pass already fetched, so a pass that began before it does not fetch it again. The
 * coverage ledger cannot answer this: it merges touching ranges under the latest fetch time.
 */
export async function backfillFetchedSince(
  ex: Executor,
  args: { userId: string; dataTypes: readonly string[]; since: Date; from: string; to: string },
): Promise<FreshRange[]> {
  if (args.dataTypes.length === 0) return [];
  const types: SQL = sql.join(
    args.dataTypes.map((t) => sql`${t}`),
    sql`, `,
  );
  const r = await rows<{ data_type: string; start: string; end: string }>(
    ex,
    sql`select data_type, start_date::text as start, end_date::text as end from backfill_windows
        where user_id = ${args.userId} and data_type in (${types}) and status = 'done'
          and updated_at >= ${args.since.toISOString()}::timestamptz
          and start_date <= ${args.to}::date and end_date >= ${args.from}::date
        order by data_type, start_date`,
  );
  return r.map((x) => ({ dataType: x.data_type, start: x.start, end: x.end }));
}

export interface UncoveredWindow {
  id: number;
  jobId: number | null;
  userId: string;
  dataType: string;
  startDate: string;
  endDate: string;
}

/**
 * Windows completed by the webhook (every chunk of their `to_webhook=true` request arrived, see
 * settleReference) whose range the coverage ledger does not hold yet.
 */
export async function backfillWebhookDoneUncovered(
  ex: Executor,
  args: { userId?: string; limit?: number } = {},
): Promise<UncoveredWindow[]> {
  const r = await rows<Record<string, unknown>>(
    ex,
    sql`select w.id, w.job_id, w.user_id, w.data_type, w.start_date::text as start_date, w.end_date::text as end_date
        from backfill_windows w
        where w.status = 'done' and w.reference is not null
          ${args.userId ? sql`and w.user_id = ${args.userId}` : sql``}
          and not exists (
            select 1 from coverage c
            where c.user_id = w.user_id and c.data_type = w.data_type
              and c.start_date <= w.start_date and c.end_date >= w.end_date)
        order by w.id
        limit ${Math.min(Math.max(args.limit ?? 1000, 1), 10_000)}`,
  );
  return r.map((x) => ({
    id: Number(x.id),
    jobId: x.job_id == null ? null : Number(x.job_id),
    userId: String(x.user_id),
    dataType: String(x.data_type),
    startDate: String(x.start_date),
    endDate: String(x.end_date),
  }));
}

/**
 * Which of these sha256 user-id digests were erased (eraseUser leaves one `user.erase` audit row
 * naming the user only by that digest): reconciliation must never bring an erased user back.
 */
export async function backfillErasedDigests(ex: Executor, digests: readonly string[]): Promise<Set<string>> {
  if (digests.length === 0) return new Set();
  const r = await rows<{ d: string }>(
    ex,
    sql`select distinct details->>'user_id_sha256' as d from audit_log
        where action = 'user.erase'
          and details->>'user_id_sha256' in (${sql.join(
            digests.map((d) => sql`${d}`),
            sql`, `,
          )})`,
  );
  return new Set(r.map((x) => x.d));
}

/**
 * Runs one user's planning (read the ledger and the live windows, insert windows) in a transaction
 * holding a per-user advisory lock, so two planners (overlapping passes, replicas) never each
 * queue a differently split copy of the same days.
 */
export function backfillWithPlanLock<T>(
  ex: Executor,
  userId: string,
  fn: (tx: Orm) => Promise<T>,
): Promise<T> {
  return transaction(ex, async (tx) => {
    await rows(tx, sql`select pg_advisory_xact_lock(hashtext(${`backfill-plan:${userId}`}))`);
    return fn(tx);
  });
}

/**
 * completeWindow for a batch in one statement: the windows `owner` still holds become done with
 * their document counts. Returns the ids completed; an id missing from it lost its lease.
 */
export async function backfillCompleteWindows(
  ex: Executor,
  args: { owner: string; windows: readonly { id: number; documents: number }[] },
): Promise<number[]> {
  if (args.windows.length === 0) return [];
  const values = sql.join(
    args.windows.map((w) => sql`(${w.id}::bigint, ${w.documents}::int)`),
    sql`, `,
  );
  const r = await rows<{ id: number | string; job_id: number | string | null }>(
    ex,
    sql`update backfill_windows w
        set status = 'done', lease_owner = null, lease_expires_at = null, error = null,
            documents = w.documents + v.documents, updated_at = now()
        from (values ${values}) as v(id, documents)
        where w.id = v.id and w.status = 'leased' and w.lease_owner = ${args.owner}
        returning w.id, w.job_id`,
  );
  await refreshJobs(
    ex,
    r.map((x) => x.job_id),
  );
  return r.map((x) => Number(x.id));
}

/** Connection status of each id (absent: no such connection, e.g. erased), in one query. */
export async function backfillConnectionStatuses(
  ex: Executor,
  userIds: readonly string[],
): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const r = await rows<{ user_id: string; status: string }>(
    ex,
    sql`select user_id, status from terra_users where user_id in (${sql.join(
      userIds.map((u) => sql`${u}`),
      sql`, `,
    )})`,
  );
  return new Map(r.map((x) => [x.user_id, x.status]));
}
