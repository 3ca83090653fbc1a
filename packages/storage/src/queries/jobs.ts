import { type SQL, sql } from "drizzle-orm";
import { type Executor, rows, transaction } from "../db.ts";
import type { JobStatus } from "../schema/backfill-jobs.ts";

export interface BackfillJobRow {
  id: number;
  userId: string;
  dataTypes: string[];
  startDate: string;
  endDate: string;
  status: JobStatus;
  requestedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  finishedAt: Date | null;
  error: string | null;
  windowsTotal: number;
  windowsDone: number;
  documents: number;
}

/** Window counts of a job: pending counts every window not yet done or failed. */
export interface JobProgress {
  total: number;
  done: number;
  failed: number;
  pending: number;
  documents: number;
}

export interface BackfillJob {
  job: BackfillJobRow;
  progress: JobProgress;
}

const SELECT = sql`select j.id, j.user_id, j.data_types, j.start_date::text as start_date, j.end_date::text as end_date,
    j.status, j.requested_by, j.created_at, j.updated_at, j.finished_at, j.error, j.windows_total, j.windows_done,
    j.documents,
    (select count(*) from backfill_windows w where w.job_id = j.id)::int as p_total,
    (select count(*) from backfill_windows w where w.job_id = j.id and w.status = 'done')::int as p_done,
    (select count(*) from backfill_windows w where w.job_id = j.id and w.status = 'failed')::int as p_failed
  from backfill_jobs j`;

function toJob(r: Record<string, unknown>): BackfillJob {
  const date = (v: unknown) => (v == null ? null : new Date(v as string | Date));
  const total = Number(r.p_total);
  const done = Number(r.p_done);
  const failed = Number(r.p_failed);
  return {
    job: {
      id: Number(r.id),
      userId: String(r.user_id),
      dataTypes: parseTextArray(r.data_types),
      startDate: String(r.start_date),
      endDate: String(r.end_date),
      status: r.status as JobStatus,
      requestedBy: (r.requested_by as string | null) ?? null,
      createdAt: date(r.created_at)!,
      updatedAt: date(r.updated_at)!,
      finishedAt: date(r.finished_at),
      error: (r.error as string | null) ?? null,
      windowsTotal: Number(r.windows_total),
      windowsDone: Number(r.windows_done),
      documents: Number(r.documents),
    },
    progress: { total, done, failed, pending: total - done - failed, documents: Number(r.documents) },
  };
}

/** pg parses text[]; a driver that does not hands back the '{a,b}' literal. */
function parseTextArray(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v === "string")
    return v
      .replace(/^\{|\}$/g, "")
      .split(",")
      .filter(Boolean)
      .map((s) => s.replace(/^"|"$/g, ""));
  return [];
}

export async function createBackfillJob(
  ex: Executor,
  args: {
    userId: string;
    dataTypes: readonly string[];
    startDate: string;
    endDate: string;
    requestedBy?: string | null;
  },
): Promise<BackfillJob> {
  if (args.endDate < args.startDate) throw new Error("createBackfillJob: endDate before startDate");
  const r = await rows<{ id: number | string }>(
    ex,
    sql`insert into backfill_jobs (user_id, data_types, start_date, end_date, requested_by)
        values (${args.userId}, ${sql`array[${sql.join(
          args.dataTypes.map((t) => sql`${t}`),
          sql`, `,
        )}]::text[]`}, ${args.startDate}::date, ${args.endDate}::date, ${args.requestedBy ?? null})
        returning id`,
  );
  return (await getBackfillJob(ex, Number(r[0]!.id)))!;
}

export async function getBackfillJob(ex: Executor, id: number): Promise<BackfillJob | null> {
  const r = await rows<Record<string, unknown>>(ex, sql`${SELECT} where j.id = ${id}`);
  return r[0] ? toJob(r[0]) : null;
}

/** Newest first; page on with nextCursor (a job id). */
export async function listBackfillJobs(
  ex: Executor,
  args: { userId?: string; status?: JobStatus; cursor?: number | null; limit?: number } = {},
): Promise<{ items: BackfillJob[]; nextCursor: number | null }> {
  const limit = Math.min(Math.max(args.limit ?? 50, 1), 500);
  const conds: SQL[] = [sql`true`];
  if (args.userId) conds.push(sql`j.user_id = ${args.userId}`);
  if (args.status) conds.push(sql`j.status = ${args.status}`);
  if (args.cursor != null) conds.push(sql`j.id < ${args.cursor}`);
  const r = await rows<Record<string, unknown>>(
    ex,
    sql`${SELECT} where ${sql.join(conds, sql` and `)} order by j.id desc limit ${limit + 1}`,
  );
  const items = r.map(toJob);
  const more = items.length > limit;
  const page = more ? items.slice(0, limit) : items;
  return { items: page, nextCursor: more ? (page.at(-1)?.job.id ?? null) : null };
}

/** Stops a job: its live windows are failed with "cancelled" and never claimed again. */
export async function cancelBackfillJob(ex: Executor, id: number): Promise<boolean> {
  return transaction(ex, async (tx) => {
    const r = await rows(
      tx,
      sql`update backfill_jobs set status = 'cancelled', updated_at = now(), finished_at = now()
          where id = ${id} and status not in ('done', 'failed', 'cancelled') returning id`,
    );
    if (r.length === 0) return false;
    await rows(
      tx,
      sql`update backfill_windows set status = 'failed', error = 'cancelled', lease_owner = null,
            lease_expires_at = null, updated_at = now()
          where job_id = ${id} and status in ('pending', 'leased', 'waiting_webhook')`,
    );
    return true;
  });
}

/** Marks a job running (a worker started planning it), unless it is already finished. */
export async function startBackfillJob(ex: Executor, id: number): Promise<void> {
  await rows(
    ex,
    sql`update backfill_jobs set status = 'running', updated_at = now() where id = ${id} and status = 'queued'`,
  );
}

/**
 * Recomputes the counters and status of jobs from their windows: done when every window is done,
 * failed when every window is finished and one failed, waiting when the open ones all wait for
 * webhooks, running when any window has started. Cancelled jobs keep their status.
 */
export async function refreshJobs(ex: Executor, jobIds: readonly unknown[]): Promise<void> {
  const ids = [...new Set(jobIds.filter((x) => x != null).map(Number))];
  if (ids.length === 0) return;
  await rows(
    ex,
    sql`with s as (
          select job_id,
            count(*)::int as total,
            count(*) filter (where status = 'done')::int as done,
            count(*) filter (where status = 'failed')::int as failed,
            count(*) filter (where status = 'waiting_webhook')::int as waiting,
            count(*) filter (where status = 'leased')::int as leased,
            count(*) filter (where status = 'pending' and attempts > 0)::int as retrying,
            coalesce(sum(documents), 0)::int as documents
          from backfill_windows
          where job_id in (${sql.join(
            ids.map((i) => sql`${i}`),
            sql`, `,
          )})
          group by job_id
        )
        update backfill_jobs j set
          windows_total = s.total,
          windows_done = s.done,
          documents = s.documents,
          status = case
            when j.status = 'cancelled' then j.status
            when s.done + s.failed = s.total and s.failed > 0 then 'failed'
            when s.done = s.total then 'done'
            when s.waiting > 0 and s.leased = 0 and s.waiting + s.done + s.failed = s.total then 'waiting'
            when s.leased + s.done + s.failed + s.waiting + s.retrying > 0 then 'running'
            else j.status end,
          finished_at = case
            when j.status <> 'cancelled' and s.done + s.failed = s.total then coalesce(j.finished_at, now())
            else j.finished_at end,
          updated_at = now()
        from s where j.id = s.job_id`,
  );
}
