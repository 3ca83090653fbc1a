// Finished backfill passes (ADR 0610): written once by the pass as it ends, read by the admin API
// (the dashboard's last passes) and by its /metrics (last success, consecutive failures).
import { sql } from "drizzle-orm";
import { type Executor, rows } from "../db.ts";
import type { PassKind } from "../schema/backfill-passes.ts";

export interface BackfillPassInput {
  pass: string;
  kind: PassKind;
  startedAt: Date;
  finishedAt: Date;
  ok: boolean;
  usersActive: number;
  windowsPlanned: number;
  windowsDone: number;
  windowsFailed: number;
  windowsDeferred: number;
  documentsInserted: number;
  documentsUpdated: number;
  documentsUnchanged: number;
  invalidRecords: number;
  warnings: number;
  requests: number;
  errors: number;
  errorSummary: string | null;
}

export interface BackfillPassRow extends BackfillPassInput {
  id: number;
}

export interface BackfillPassHealth {
  /** End of the latest successful pass of the kind; null if none ever succeeded. */
  lastSuccessAt: Date | null;
  /** The latest finished pass of the kind. */
  last: BackfillPassRow | null;
  /** Failed passes since the latest successful one (all of them if none succeeded; at most 1000). */
  consecutiveFailed: number;
}

const COLUMNS = sql`id, pass, kind, started_at, finished_at, ok, users_active, windows_planned, windows_done,
  windows_failed, windows_deferred, documents_inserted, documents_updated, documents_unchanged,
  invalid_records, warnings, requests, errors, error_summary`;

const int = (v: unknown) => Number(v ?? 0);

function toPass(r: Record<string, unknown>): BackfillPassRow {
  return {
    id: int(r.id),
    pass: String(r.pass),
    kind: r.kind as PassKind,
    startedAt: new Date(r.started_at as string | Date),
    finishedAt: new Date(r.finished_at as string | Date),
    ok: r.ok === true || r.ok === "t",
    usersActive: int(r.users_active),
    windowsPlanned: int(r.windows_planned),
    windowsDone: int(r.windows_done),
    windowsFailed: int(r.windows_failed),
    windowsDeferred: int(r.windows_deferred),
    documentsInserted: int(r.documents_inserted),
    documentsUpdated: int(r.documents_updated),
    documentsUnchanged: int(r.documents_unchanged),
    invalidRecords: int(r.invalid_records),
    warnings: int(r.warnings),
    requests: int(r.requests),
    errors: int(r.errors),
    errorSummary: (r.error_summary as string | null) ?? null,
  };
}

export async function recordBackfillPass(ex: Executor, p: BackfillPassInput): Promise<BackfillPassRow> {
  const r = await rows<Record<string, unknown>>(
    ex,
    sql`insert into backfill_passes (pass, kind, started_at, finished_at, ok, users_active, windows_planned,
          windows_done, windows_failed, windows_deferred, documents_inserted, documents_updated,
          documents_unchanged, invalid_records, warnings, requests, errors, error_summary)
        values (${p.pass}, ${p.kind}, ${p.startedAt.toISOString()}::timestamptz,
          ${p.finishedAt.toISOString()}::timestamptz, ${p.ok}, ${p.usersActive}, ${p.windowsPlanned},
          ${p.windowsDone}, ${p.windowsFailed}, ${p.windowsDeferred}, ${p.documentsInserted},
          ${p.documentsUpdated}, ${p.documentsUnchanged}, ${p.invalidRecords}, ${p.warnings}, ${p.requests},
          ${p.errors}, ${p.errorSummary})
        returning ${COLUMNS}`,
  );
  return toPass(r[0]!);
}

/** Latest first; page on with nextCursor (a pass id). */
export async function listBackfillPasses(
  ex: Executor,
  args: { kind?: PassKind; cursor?: number | null; limit?: number } = {},
): Promise<{ items: BackfillPassRow[]; nextCursor: number | null }> {
  const limit = Math.min(Math.max(args.limit ?? 20, 1), 200);
  const kind = args.kind ? sql`kind = ${args.kind}` : sql`true`;
  const after = args.cursor != null ? sql`id < ${args.cursor}` : sql`true`;
  const r = await rows<Record<string, unknown>>(
    ex,
    sql`select ${COLUMNS} from backfill_passes where ${kind} and ${after} order by id desc limit ${limit + 1}`,
  );
  const items = r.map(toPass);
  const more = items.length > limit;
  const page = more ? items.slice(0, limit) : items;
  return { items: page, nextCursor: more ? (page.at(-1)?.id ?? null) : null };
}

/** What the alerts read: one statement. */
export async function backfillPassHealth(ex: Executor, kind: PassKind = "run"): Promise<BackfillPassHealth> {
  const r = await rows<Record<string, unknown>>(
    ex,
    sql`with last_ok as (
          select max(finished_at) as at from backfill_passes where kind = ${kind} and ok
        ), last as (
          select ${COLUMNS} from backfill_passes where kind = ${kind} order by finished_at desc, id desc limit 1
        )
        select (select at from last_ok) as last_success_at,
          (select count(*) from (
            select 1 from backfill_passes p, last_ok
            where p.kind = ${kind} and not p.ok and (last_ok.at is null or p.finished_at > last_ok.at)
            limit 1000) f)::int as consecutive_failed,
          to_json(last.*)::text as last_json
        from (select 1) one left join last on true`,
  );
  const row = r[0] ?? {};
  const lastJson = row.last_json as string | null | undefined;
  return {
    lastSuccessAt: row.last_success_at ? new Date(row.last_success_at as string | Date) : null,
    consecutiveFailed: int(row.consecutive_failed),
    last: lastJson ? toPass(JSON.parse(lastJson) as Record<string, unknown>) : null,
  };
}
