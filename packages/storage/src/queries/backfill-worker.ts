import { type SQL, sql } from "drizzle-orm";
import { type Executor, type Orm, rows, transaction } from "../db.ts";
import { refreshJobs } from "./jobs.ts";

/**
 * Queries of the backfill worker's planner that the window and coverage queries do not cover
 * (additive, read-only; owned by apps/backfill, ADR 0600).
 */

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
 * Runs planning (read the ledger and the live windows, insert windows) in a transaction holding
 * an advisory lock on `key`, so two planners (overlapping passes, replicas) never each queue a
 * differently split copy of the same days.
 */
export function backfillWithPlanLock<T>(ex: Executor, key: string, fn: (tx: Orm) => Promise<T>): Promise<T> {
  return transaction(ex, async (tx) => {
    await rows(tx, sql`select pg_advisory_xact_lock(hashtext(${`backfill-plan:${key}`}))`);
    return fn(tx);
  });
}

export interface PlanRange {
  userId: string;
  dataType: string;
  start: string;
  end: string;
}

/**
 * Everything a planner reads for many users at once, in three queries: live windows, windows
 * completed since `since` overlapping [from, to], and the ledger's ranges overlapping [from, to].
 */
export async function backfillPlanInputs(
  ex: Executor,
  args: { userIds: readonly string[]; dataTypes: readonly string[]; since: Date; from: string; to: string },
): Promise<{ open: PlanRange[]; fresh: PlanRange[]; covered: PlanRange[] }> {
  if (args.userIds.length === 0 || args.dataTypes.length === 0) return { open: [], fresh: [], covered: [] };
  const users = sql.join(
    args.userIds.map((u) => sql`${u}`),
    sql`, `,
  );
  const types = sql.join(
    args.dataTypes.map((t) => sql`${t}`),
    sql`, `,
  );
  const read = async (query: SQL) =>
    (await rows<{ user_id: string; data_type: string; start: string; end: string }>(ex, query)).map((r) => ({
      userId: r.user_id,
      dataType: r.data_type,
      start: r.start,
      end: r.end,
    }));
  const open = await read(
    sql`select user_id, data_type, start_date::text as start, end_date::text as end from backfill_windows
        where user_id in (${users}) and data_type in (${types})
          and status in ('pending', 'leased', 'waiting_webhook')`,
  );
  const fresh = await read(
    sql`select user_id, data_type, start_date::text as start, end_date::text as end from backfill_windows
        where user_id in (${users}) and data_type in (${types}) and status = 'done'
          and updated_at >= ${args.since.toISOString()}::timestamptz
          and start_date <= ${args.to}::date and end_date >= ${args.from}::date`,
  );
  const covered = await read(
    sql`select user_id, data_type, start_date::text as start, end_date::text as end from coverage
        where user_id in (${users}) and data_type in (${types})
          and start_date <= ${args.to}::date and end_date >= ${args.from}::date
        order by user_id, data_type, start_date`,
  );
  return { open, fresh, covered };
}

/**
 * completeWindow for a batch in one statement: the windows `owner` still holds become done with
 * their document counts. Returns the ids completed; an id missing from it lost its lease. `now`
 * is the worker's clock: the planner compares it with its own pass start (`fresh` above), so both
 * sides of that comparison must come from one clock, not one from the app and one from the server.
 */
export async function backfillCompleteWindows(
  ex: Executor,
  args: { owner: string; windows: readonly { id: number; documents: number }[]; now?: Date },
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
            documents = w.documents + v.documents,
            updated_at = coalesce(${args.now?.toISOString() ?? null}::timestamptz, now())
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
