import { createHash } from "node:crypto";
import { and, desc, eq, getTableColumns, isNotNull, isNull, lt, ne, sql } from "drizzle-orm";
import { type Executor, orm, rows, transaction } from "../db.ts";
import { type EventStatus, type StoredWarning, webhookEvents } from "../schema/webhook-events.ts";

export type WebhookEventRow = typeof webhookEvents.$inferSelect;

export interface InsertEventArgs {
  rawBody: Uint8Array;
  /** `X-Terra-Trace-Id`; when absent the delivery key is the body's sha256. */
  traceId?: string | null;
  /** Overrides the derived delivery key (e.g. a replay's own key). */
  deliveryKey?: string;
  reference?: string | null;
  /** Terra's `type`, when known (null: not parsed yet). */
  type: string | null;
  userId?: string | null;
  orderingTs?: number | null;
  receivedAt?: Date;
  status?: EventStatus;
  /** With `status`: the error of that outcome. */
  error?: string | null;
  /**
   * The row is stored with the outcome of its processing already (status and error): it counts one
   * attempt and, processed or ignored, gets processed_at, as setEventStatus would have set them.
   */
  attempted?: boolean;
  source?: string;
}

export interface InsertEventResult {
  id: number;
  /** True when this delivery key was already stored: the row is the earlier one. */
  duplicate: boolean;
  status: EventStatus;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

export function deliveryKeyFor(rawBody: Uint8Array, traceId?: string | null): string {
  return traceId && traceId.trim() !== "" ? `trace:${traceId.trim()}` : `sha256:${sha256Hex(rawBody)}`;
}

/** Stores a delivery once: the same delivery key again returns the first row with duplicate=true. */
export async function insertEvent(ex: Executor, args: InsertEventArgs): Promise<InsertEventResult> {
  const bodySha256 = sha256Hex(args.rawBody);
  const deliveryKey = args.deliveryKey ?? deliveryKeyFor(args.rawBody, args.traceId);
  const inserted = await orm(ex)
    .insert(webhookEvents)
    .values({
      deliveryKey,
      traceId: args.traceId ?? null,
      reference: args.reference ?? null,
      type: args.type,
      userId: args.userId ?? null,
      rawBody: args.rawBody,
      bodySha256,
      bodyBytes: args.rawBody.byteLength,
      orderingTs: args.orderingTs ?? null,
      receivedAt: args.receivedAt ?? new Date(),
      status: args.status ?? "received",
      source: args.source ?? "webhook",
    })
    .onConflictDoNothing({ target: webhookEvents.deliveryKey })
    .returning({ id: webhookEvents.id, status: webhookEvents.status });
  const row = inserted[0];
  if (row) return { id: row.id, duplicate: false, status: row.status };
  const existing = await orm(ex)
    .select({ id: webhookEvents.id, status: webhookEvents.status })
    .from(webhookEvents)
    .where(eq(webhookEvents.deliveryKey, deliveryKey));
  const first = existing[0];
  if (!first) throw new Error("insertEvent: conflicting delivery key vanished (purged concurrently)");
  return { id: first.id, duplicate: true, status: first.status };
}

export interface SetEventStatusArgs {
  id: number;
  status: EventStatus;
  error?: string | null;
  /** Adds one to attempts (a processing attempt was made). Default true. */
  countAttempt?: boolean;
  at?: Date;
  type?: string | null;
  userId?: string | null;
  warnings?: readonly StoredWarning[] | null;
}

/** One row's outcome (see setEventStatuses, which this is for one row). */
export async function setEventStatus(ex: Executor, args: SetEventStatusArgs): Promise<void> {
  const at = args.at ?? new Date();
  const done = args.status === "processed" || args.status === "ignored" || args.status === "partial";
  await orm(ex)
    .update(webhookEvents)
    .set({
      status: args.status,
      error: args.error ?? null,
      attempts: args.countAttempt === false ? webhookEvents.attempts : sql`${webhookEvents.attempts} + 1`,
      processedAt: done ? at : null,
      ...(args.type ? { type: args.type } : {}),
      ...(args.userId ? { userId: args.userId } : {}),
      warnings: args.warnings && args.warnings.length > 0 ? [...args.warnings] : null,
      leaseOwner: null,
      leaseExpiresAt: null,
      nextAttemptAt: null,
    })
    .where(eq(webhookEvents.id, args.id));
}

export async function getEvent(ex: Executor, id: number): Promise<WebhookEventRow | null> {
  const r = await orm(ex).select().from(webhookEvents).where(eq(webhookEvents.id, id));
  return r[0] ?? null;
}

export type EventSummary = Omit<WebhookEventRow, "rawBody">;

/**
 * One event without its raw body, and whether it still has one. Reading the body to answer that
 * detoasted and sent megabytes (a large delivery's body, hex-encoded on the wire) for an answer of
 * a few hundred bytes; `raw_body is not null` reads only the tuple.
 */
export async function getEventSummary(
  ex: Executor,
  id: number,
): Promise<(EventSummary & { hasBody: boolean }) | null> {
  const { rawBody: _omit, ...columns } = getTableColumns(webhookEvents);
  const r = await orm(ex)
    .select({ ...columns, hasBody: sql<boolean>`${webhookEvents.rawBody} is not null` })
    .from(webhookEvents)
    .where(eq(webhookEvents.id, id));
  return r[0] ?? null;
}

export interface ListEventsArgs {
  status?: EventStatus;
  type?: string;
  userId?: string;
  reference?: string;
  /** true: only events with warnings; false: only events without. */
  hasWarnings?: boolean;
  /** Return events with id below this (the previous page's nextCursor). */
  cursor?: number | null;
  limit?: number;
}

/** Newest first, without bodies; page on with nextCursor. */
export async function listEvents(
  ex: Executor,
  args: ListEventsArgs = {},
): Promise<{ items: EventSummary[]; nextCursor: number | null }> {
  const limit = Math.min(Math.max(args.limit ?? 50, 1), 500);
  const { rawBody: _omit, ...columns } = getTableColumns(webhookEvents);
  const where = and(
    args.status ? eq(webhookEvents.status, args.status) : undefined,
    args.type ? eq(webhookEvents.type, args.type) : undefined,
    args.userId ? eq(webhookEvents.userId, args.userId) : undefined,
    args.reference ? eq(webhookEvents.reference, args.reference) : undefined,
    // Warnings are stored as null when there are none (setEventStatus, events-bulk).
    args.hasWarnings === undefined
      ? undefined
      : args.hasWarnings
        ? isNotNull(webhookEvents.warnings)
        : isNull(webhookEvents.warnings),
    args.cursor != null ? lt(webhookEvents.id, args.cursor) : undefined,
  );
  const items = (await orm(ex)
    .select(columns)
    .from(webhookEvents)
    .where(where)
    .orderBy(desc(webhookEvents.id))
    .limit(limit + 1)) as EventSummary[];
  const more = items.length > limit;
  const page = more ? items.slice(0, limit) : items;
  return { items: page, nextCursor: more ? (page.at(-1)?.id ?? null) : null };
}

/**
 * Retention: drops raw bodies received before olderThan; the rows and keys stay. A body still
 * waiting for processing (received) is never dropped: it is the only copy. Returns the count.
 */
export async function purgeRawBodies(ex: Executor, olderThan: Date): Promise<number> {
  const r = await orm(ex)
    .update(webhookEvents)
    .set({ rawBody: null })
    .where(
      and(
        lt(webhookEvents.receivedAt, olderThan),
        isNotNull(webhookEvents.rawBody),
        ne(webhookEvents.status, "received"),
      ),
    )
    .returning({ id: webhookEvents.id });
  return r.length;
}

/** Minimum age of a purgeable delivery key: Terra retries for about a day, we keep a week. */
export const MIN_DELIVERY_KEY_RETENTION_MS = 7 * 24 * 3600 * 1000;

/**
 * Deletes inbox rows (hence their delivery keys) received before olderThan (never one still
 * waiting for processing), and the large-request
 * chunk and marker rows of the same age (they deduplicate chunks the same way). Refuses a cutoff
 * less than 7 days ago, because a later retry would then be stored twice. Returns the inbox count.
 */
export async function purgeDeliveryKeys(ex: Executor, olderThan: Date, now = new Date()): Promise<number> {
  if (now.getTime() - olderThan.getTime() < MIN_DELIVERY_KEY_RETENTION_MS) {
    throw new Error("purgeDeliveryKeys: delivery keys must be kept for at least 7 days");
  }
  const cutoff = olderThan.toISOString();
  return transaction(ex, async (tx) => {
    const r = await orm(tx)
      .delete(webhookEvents)
      .where(and(lt(webhookEvents.receivedAt, olderThan), ne(webhookEvents.status, "received")))
      .returning({ id: webhookEvents.id });
    await rows(tx, sql`delete from large_request_chunks where received_at < ${cutoff}::timestamptz`);
    await rows(tx, sql`delete from large_requests where updated_at < ${cutoff}::timestamptz`);
    return r.length;
  });
}
