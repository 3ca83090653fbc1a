import { type SQL, sql } from "drizzle-orm";
import { type Executor, rows, transaction } from "../db.ts";
import type { WindowStatus } from "../schema/backfill-windows.ts";
import { refreshJobs } from "./jobs.ts";

export interface WindowRow {
  id: number;
  jobId: number | null;
  userId: string;
  dataType: string;
  startDate: string;
  endDate: string;
  status: WindowStatus;
  leaseOwner: string | null;
  leaseExpiresAt: Date | null;
  notBefore: Date;
  attempts: number;
  reference: string | null;
  expectedPayloads: number | null;
  receivedPayloads: number;
  documents: number;
  error: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export const LIVE_WINDOW_STATUSES = ["pending", "leased", "waiting_webhook"] as const;

const NAMES = [
  "id",
  "job_id",
  "user_id",
  "data_type",
  "start_date",
  "end_date",
  "status",
  "lease_owner",
  "lease_expires_at",
  "not_before",
  "attempts",
  "reference",
  "expected_payloads",
  "received_payloads",
  "documents",
  "error",
  "created_at",
  "updated_at",
];

/** The select list of a window row, dates as text, optionally qualified by a table alias. */
function columns(alias?: string): SQL {
  const q = alias ? `${alias}.` : "";
  return sql.raw(NAMES.map((n) => (n.endsWith("_date") ? `${q}${n}::text as ${n}` : `${q}${n}`)).join(", "));
}
const COLUMNS = columns();

export function toWindowRow(r: Record<string, unknown>): WindowRow {
  const date = (v: unknown) => (v == null ? null : new Date(v as string | Date));
  return {
    id: Number(r.id),
    jobId: r.job_id == null ? null : Number(r.job_id),
    userId: String(r.user_id),
    dataType: String(r.data_type),
    startDate: String(r.start_date),
    endDate: String(r.end_date),
    status: r.status as WindowStatus,
    leaseOwner: (r.lease_owner as string | null) ?? null,
    leaseExpiresAt: date(r.lease_expires_at),
    notBefore: date(r.not_before)!,
    attempts: Number(r.attempts),
    reference: (r.reference as string | null) ?? null,
    expectedPayloads: r.expected_payloads == null ? null : Number(r.expected_payloads),
    receivedPayloads: Number(r.received_payloads),
    documents: Number(r.documents),
    error: (r.error as string | null) ?? null,
    createdAt: date(r.created_at)!,
    updatedAt: date(r.updated_at)!,
  };
}

export interface NewWindow {
  userId: string;
  dataType: string;
  startDate: string;
  endDate: string;
  jobId?: number | null;
  notBefore?: Date;
}

/**
 * Inserts windows; a window already live (pending, leased or waiting for its webhook) for the same
 * user, type and range is skipped, so concurrent planners insert each once. Returns the new rows.
 */
export async function enqueueWindows(
  ex: Executor,
  windows: readonly NewWindow[],
  opts: { now?: Date } = {},
): Promise<WindowRow[]> {
  if (windows.length === 0) return [];
  // A window without notBefore is due at once: "now" in the caller's clock, which is also the
  // clock its claims compare with (a test's pinned clock, a worker's).
  const now = (opts.now ?? new Date()).toISOString();
  const values = windows.map(
    (w) =>
      sql`(${w.jobId ?? null}::bigint, ${w.userId}, ${w.dataType}, ${w.startDate}::date, ${w.endDate}::date, ${w.notBefore?.toISOString() ?? now}::timestamptz)`,
  );
  const r = await transaction(ex, async (tx) => {
    const inserted = await rows<Record<string, unknown>>(
      tx,
      sql`insert into backfill_windows (job_id, user_id, data_type, start_date, end_date, not_before)
          values ${sql.join(values, sql`, `)}
          on conflict (user_id, data_type, start_date, end_date)
            where status in ('pending', 'leased', 'waiting_webhook') do nothing
          returning ${COLUMNS}`,
    );
    await refreshJobs(
      tx,
      inserted.map((x) => x.job_id),
    );
    return inserted;
  });
  return r.map(toWindowRow);
}

export interface ClaimArgs {
  owner: string;
  limit: number;
  leaseMs: number;
  now?: Date;
  userId?: string;
  dataTypes?: readonly string[];
}

/**
 * Leases up to `limit` windows to `owner`: pending ones whose not_before has passed, and leased or
 * waiting ones whose lease has expired (their worker died or the webhook never came). Rows locked
 * by a concurrent claimer are skipped (FOR UPDATE SKIP LOCKED), so two claimers never get the same
 * window. Windows of cancelled jobs are never claimed. Windows of a user and type that no other
 * lease holds come first, so concurrent claimers spread over users and types.
 */
export async function claimWindows(ex: Executor, args: ClaimArgs): Promise<ClaimedWindow[]> {
  const now = args.now ?? new Date();
  const until = new Date(now.getTime() + args.leaseMs);
  const filters: SQL[] = [];
  if (args.userId) filters.push(sql`and user_id = ${args.userId}`);
  if (args.dataTypes && args.dataTypes.length > 0) {
    filters.push(
      sql`and data_type in (${sql.join(
        args.dataTypes.map((t) => sql`${t}`),
        sql`, `,
      )})`,
    );
  }
  const nowSql = sql`${now.toISOString()}::timestamptz`;
  const limit = Math.max(0, args.limit);
  // Not in a cancelled job, and within the caller's user and types.
  const claimable = sql`(job_id is null or not exists (
      select 1 from backfill_jobs j where j.id = w.job_id and j.status = 'cancelled'))
    ${sql.join(filters, sql` `)}`;
  const r = await rows<Record<string, unknown>>(
    ex,
    // Candidate lists, each read in claim order from a partial index (migration 0004) and cut at the
    // limit, then merged: never a scan and sort of the whole queue. p: pending windows of users ×
    // types no other claim holds (preferred, so that concurrent batches do not queue behind each
    // other's row and coverage locks); q: any pending; e: expired leases. Rows locked by a list that
    // loses the merge are released when this statement's transaction ends.
    sql`with p as (
          select id, not_before as at from backfill_windows w
          where status = 'pending' and not_before <= ${nowSql} and ${claimable}
            and not exists (
              select 1 from backfill_windows l
              where l.user_id = w.user_id and l.data_type = w.data_type and l.status = 'leased'
                and l.lease_expires_at > ${nowSql})
          order by not_before, id limit ${limit} for update skip locked
        ), q as (
          select id, not_before as at from backfill_windows w
          where status = 'pending' and not_before <= ${nowSql} and ${claimable}
          order by not_before, id limit ${limit} for update skip locked
        ), e as (
          select id, not_before as at from backfill_windows w
          where status in ('leased', 'waiting_webhook') and lease_expires_at <= ${nowSql} and ${claimable}
          order by lease_expires_at, id limit ${limit} for update skip locked
        ), c as (
          select id from (
            select id, at, 0 as rank from p
            union all select id, at, 1 from q
            union all select id, at, 1 from e
          ) x
          group by id
          order by min(rank), min(at), id
          limit ${limit}
        )
        update backfill_windows w
        set status = 'leased', lease_owner = ${args.owner}, lease_expires_at = ${until.toISOString()}::timestamptz,
            attempts = w.attempts + 1, updated_at = ${now.toISOString()}::timestamptz
        from c where w.id = c.id
        returning ${columns("w")},
          (select u.status from terra_users u where u.user_id = w.user_id) as connection_status`,
  );
  return r
    .map((x) => ({ ...toWindowRow(x), connectionStatus: (x.connection_status as string | null) ?? null }))
    .sort((a, b) => a.id - b.id);
}

/** A claimed window, with its user's connection status as the claim saw it (null: no connection). */
export interface ClaimedWindow extends WindowRow {
  connectionStatus: string | null;
}

/** Live windows and their states, for planners and the admin API. */
export async function listWindows(
  ex: Executor,
  args: {
    userId?: string;
    dataType?: string;
    jobId?: number;
    statuses?: readonly WindowStatus[];
    limit?: number;
  },
): Promise<WindowRow[]> {
  const conds: SQL[] = [sql`true`];
  if (args.userId) conds.push(sql`user_id = ${args.userId}`);
  if (args.dataType) conds.push(sql`data_type = ${args.dataType}`);
  if (args.jobId != null) conds.push(sql`job_id = ${args.jobId}`);
  if (args.statuses && args.statuses.length > 0) {
    conds.push(
      sql`status in (${sql.join(
        args.statuses.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
  }
  const r = await rows<Record<string, unknown>>(
    ex,
    sql`select ${COLUMNS} from backfill_windows where ${sql.join(conds, sql` and `)}
        order by start_date, id limit ${Math.min(Math.max(args.limit ?? 1000, 1), 10_000)}`,
  );
  return r.map(toWindowRow);
}

/**
 * Applies a change to one window if `owner` still holds its lease (an expired lease that another
 * worker has re-claimed is no longer ours). owner null: any holder. Returns whether it applied.
 */
async function updateHeld(
  ex: Executor,
  id: number,
  owner: string | null,
  set: SQL,
  statuses: readonly WindowStatus[] = ["leased"],
): Promise<boolean> {
  return transaction(ex, async (tx) => {
    const r = await rows<{ job_id: number | string | null }>(
      tx,
      sql`update backfill_windows set ${set}, updated_at = now()
          where id = ${id} and status in (${sql.join(
            statuses.map((s) => sql`${s}`),
            sql`, `,
          )})
            ${owner === null ? sql`` : sql`and lease_owner = ${owner}`}
          returning job_id`,
    );
    if (r.length === 0) return false;
    await refreshJobs(
      tx,
      r.map((x) => x.job_id),
    );
    return true;
  });
}

/** The window was fetched (documents: how many records it stored). */
export function completeWindow(
  ex: Executor,
  args: { id: number; owner: string; documents?: number },
): Promise<boolean> {
  return updateHeld(
    ex,
    args.id,
    args.owner,
    sql`status = 'done', lease_owner = null, lease_expires_at = null, error = null,
        documents = documents + ${args.documents ?? 0}`,
  );
}

/** Gives up on the window for good (it stays, status failed, with the error). */
export function failWindow(
  ex: Executor,
  args: { id: number; owner: string; error: string },
): Promise<boolean> {
  return updateHeld(
    ex,
    args.id,
    args.owner,
    sql`status = 'failed', lease_owner = null, lease_expires_at = null, error = ${args.error}`,
  );
}

/**
 * Puts the window back to pending, not to be claimed before notBefore (a 429's Retry-After, a
 * back-off). countAttempt false undoes the claim's attempt (e.g. a rate limit that is not the
 * window's fault).
 */
export function rescheduleWindow(
  ex: Executor,
  args: { id: number; owner: string; notBefore: Date; error?: string | null; countAttempt?: boolean },
): Promise<boolean> {
  return updateHeld(
    ex,
    args.id,
    args.owner,
    sql`status = 'pending', lease_owner = null, lease_expires_at = null,
        not_before = ${args.notBefore.toISOString()}::timestamptz, error = ${args.error ?? null},
        attempts = ${args.countAttempt === false ? sql`greatest(attempts - 1, 0)` : sql`attempts`}`,
  );
}

/**
 * Terra answered "sent to webhook" with this reference: the window waits for its chunks until
 * `deadline`, after which claimWindows hands it out again. Chunks already counted (they can arrive
 * before this call) complete it at once when they reach the expected number.
 */
export async function waitForWebhook(
  ex: Executor,
  args: { id: number; owner: string; reference: string; expected?: number | null; deadline: Date },
): Promise<boolean> {
  const reference = referenceRoot(args.reference);
  return transaction(ex, async (tx) => {
    const ok = await updateHeld(
      tx,
      args.id,
      args.owner,
      sql`status = 'waiting_webhook', reference = ${reference},
          expected_payloads = coalesce(${args.expected ?? null}::int, expected_payloads),
          lease_expires_at = ${args.deadline.toISOString()}::timestamptz`,
    );
    if (ok) await settleReference(tx, reference);
    return ok;
  });
}

/** A waiting window whose data arrived (e.g. reconciled from the inbox by the worker). */
export function completeWaitingWindow(
  ex: Executor,
  args: { id: number; documents?: number },
): Promise<boolean> {
  return updateHeld(
    ex,
    args.id,
    null,
    sql`status = 'done', lease_owner = null, lease_expires_at = null, error = null,
        documents = documents + ${args.documents ?? 0}`,
    ["waiting_webhook"],
  );
}

/** A waiting window whose webhook will not come: back to pending, to be fetched again. */
export function requeueWaitingWindow(ex: Executor, args: { id: number; error: string }): Promise<boolean> {
  return updateHeld(
    ex,
    args.id,
    null,
    sql`status = 'pending', lease_owner = null, lease_expires_at = null, not_before = now(), error = ${args.error},
        reference = null, expected_payloads = null, received_payloads = 0`,
    ["waiting_webhook"],
  );
}

/** Pushes the lease further while a long fetch is still going. */
export function extendLease(
  ex: Executor,
  args: { id: number; owner: string; leaseMs: number; now?: Date },
): Promise<boolean> {
  const until = new Date((args.now ?? new Date()).getTime() + args.leaseMs);
  return updateHeld(ex, args.id, args.owner, sql`lease_expires_at = ${until.toISOString()}::timestamptz`);
}

/** Chunks of one large request carry `<reference>:chunk:<n>`-style ids: the part before ':' is the request. */
export function referenceRoot(reference: string): string {
  return reference.split(":")[0] ?? reference;
}

/**
 * Counts the distinct chunks received for a reference into its windows and completes the waiting
 * ones whose count has reached the expected number.
 */
export async function settleReference(ex: Executor, reference: string): Promise<WindowRow[]> {
  // The expected count may have been announced before the window knew its reference: take it
  // from large_requests when the window has none.
  const done = await rows<Record<string, unknown>>(
    ex,
    sql`with n as (
          select count(*)::int as received, coalesce(sum(documents), 0)::int as documents
          from large_request_chunks where reference = ${reference}
        ),
        lr as (select max(expected_payloads) as expected from large_requests where reference = ${reference})
        update backfill_windows w
        set received_payloads = n.received,
            expected_payloads = coalesce(w.expected_payloads, lr.expected),
            documents = greatest(w.documents, n.documents),
            status = case when w.status = 'waiting_webhook' and coalesce(w.expected_payloads, lr.expected) is not null
                               and n.received >= coalesce(w.expected_payloads, lr.expected) then 'done' else w.status end,
            lease_owner = case when w.status = 'waiting_webhook' and coalesce(w.expected_payloads, lr.expected) is not null
                               and n.received >= coalesce(w.expected_payloads, lr.expected) then null else w.lease_owner end,
            lease_expires_at = case when w.status = 'waiting_webhook' and coalesce(w.expected_payloads, lr.expected) is not null
                               and n.received >= coalesce(w.expected_payloads, lr.expected) then null else w.lease_expires_at end,
            updated_at = now()
        from n, lr
        where w.reference = ${reference} and w.status in ('pending', 'leased', 'waiting_webhook')
        returning ${columns("w")}`,
  );
  await refreshJobs(
    ex,
    done.map((x) => x.job_id),
  );
  return done.map(toWindowRow);
}
