// setEventStatus for a processor's batch: one statement instead of one per row (each round trip is
// what a busy database charges for). The acknowledgement's bulk INSERT is insertReceived.
import { sql } from "drizzle-orm";
import { type Executor, rows } from "../db.ts";
import type { EventStatus, StoredWarning } from "../schema/webhook-events.ts";

export interface EventStatusUpdate {
  id: number;
  status: EventStatus;
  error?: string | null;
  /** Default true. False: the attempt was counted already (a processor's claim counts it). */
  countAttempt?: boolean;
  /** Terra's `type` and the user, once known from parsing (null/absent: keep what is stored). */
  type?: string | null;
  userId?: string | null;
  /** What was accepted but not known; replaces what is stored (null: none). */
  warnings?: readonly StoredWarning[] | null;
}

/**
 * setEventStatus for many rows in one UPDATE (each counts one attempt unless told; processed,
 * ignored and partial get processed_at). An outcome ends the row's time in the queue: its lease
 * and retry time are cleared.
 */
export async function setEventStatuses(ex: Executor, updates: readonly EventStatusUpdate[]): Promise<void> {
  if (updates.length === 0) return;
  const list = sql.join(
    updates.map(
      (u) =>
        sql`(${u.id}::bigint, ${u.status}::text, ${u.error ?? null}::text, ${u.countAttempt === false ? 0 : 1}::int,
          ${u.type ?? null}::text, ${u.userId ?? null}::text,
          ${u.warnings && u.warnings.length > 0 ? JSON.stringify(u.warnings) : null}::jsonb)`,
    ),
    sql`, `,
  );
  await rows(
    ex,
    sql`update webhook_events w
        set status = v.status, error = v.error, attempts = w.attempts + v.attempt,
            processed_at = case when v.status in ('processed', 'ignored', 'partial') then now() else null end,
            type = coalesce(v.type, w.type), user_id = coalesce(v.user_id, w.user_id), warnings = v.warnings,
            lease_owner = null, lease_expires_at = null, next_attempt_at = null
        from (values ${list}) as v(id, status, error, attempt, type, user_id, warnings)
        where w.id = v.id`,
  );
}
