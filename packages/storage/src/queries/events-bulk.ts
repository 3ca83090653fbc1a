// Bulk forms of insertEvent and setEventStatus for the webhook's group commit: one statement per
// batch instead of one per delivery (each round trip is what a busy database charges for).
import { inArray, sql } from "drizzle-orm";
import { type Executor, orm, rows } from "../db.ts";
import { type EventStatus, type StoredWarning, webhookEvents } from "../schema/webhook-events.ts";
import { deliveryKeyFor, type InsertEventArgs, type InsertEventResult, sha256Hex } from "./events.ts";

/**
 * insertEvent for many deliveries in one INSERT … ON CONFLICT DO NOTHING. Results are in input
 * order; a key already stored, or repeated earlier in the same call, is a duplicate of that row.
 */
export async function insertEvents(
  ex: Executor,
  args: readonly InsertEventArgs[],
): Promise<InsertEventResult[]> {
  if (args.length === 0) return [];
  const keys = args.map((a) => a.deliveryKey ?? deliveryKeyFor(a.rawBody, a.traceId));
  const firstIndex = new Map<string, number>();
  keys.forEach((k, i) => {
    if (!firstIndex.has(k)) firstIndex.set(k, i);
  });
  const values = [...firstIndex.values()].map((i) => {
    const a = args[i] as InsertEventArgs;
    return {
      deliveryKey: keys[i] as string,
      traceId: a.traceId ?? null,
      reference: a.reference ?? null,
      type: a.type,
      userId: a.userId ?? null,
      rawBody: a.rawBody,
      bodySha256: sha256Hex(a.rawBody),
      bodyBytes: a.rawBody.byteLength,
      orderingTs: a.orderingTs ?? null,
      receivedAt: a.receivedAt ?? new Date(),
      status: a.status ?? ("received" as EventStatus),
      error: a.error ?? null,
      attempts: a.attempted ? 1 : 0,
      processedAt: a.attempted && (a.status === "processed" || a.status === "ignored") ? sql`now()` : null,
      source: a.source ?? "webhook",
    };
  });
  const inserted = await orm(ex)
    .insert(webhookEvents)
    .values(values)
    .onConflictDoNothing({ target: webhookEvents.deliveryKey })
    .returning({ id: webhookEvents.id, key: webhookEvents.deliveryKey, status: webhookEvents.status });
  const byKey = new Map(inserted.map((r) => [r.key, { id: r.id, status: r.status, fresh: true }]));
  const missing = [...firstIndex.keys()].filter((k) => !byKey.has(k));
  if (missing.length > 0) {
    const existing = await orm(ex)
      .select({ id: webhookEvents.id, key: webhookEvents.deliveryKey, status: webhookEvents.status })
      .from(webhookEvents)
      .where(inArray(webhookEvents.deliveryKey, missing));
    for (const r of existing) byKey.set(r.key, { id: r.id, status: r.status, fresh: false });
  }
  return keys.map((k, i) => {
    const row = byKey.get(k);
    if (!row) throw new Error("insertEvents: conflicting delivery key vanished (purged concurrently)");
    return { id: row.id, status: row.status, duplicate: !row.fresh || firstIndex.get(k) !== i };
  });
}

export interface EventStatusUpdate {
  id: number;
  status: EventStatus;
  error?: string | null;
  /** Default true. False: a correction of a status written with the row (insertEvents `attempted`). */
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
