import type { LifecycleUser, WebhookEvent } from "@wearables/schemas";
import {
  currentUserIds,
  type EventStatusUpdate,
  type Executor,
  insertEvent,
  PreparedRecords,
  type RecordSource,
  reauthSwap,
  recordChunk,
  recordLargeRequest,
  setConnectionStatus,
  setEventStatus,
  type TouchConnectionArgs,
  touchConnections,
  type UpsertCounts,
  type UpsertRecordsArgs,
  upsertConnection,
  upsertRecordSets,
  upsertRecords,
} from "@wearables/storage";
import type { IngestConfig } from "./config.ts";
import type { IngestWarning, PreparedBody, PreparedEvent, RecordFailure } from "./prepare.ts";

/** One stored inbox event and what came with its delivery. */
export interface EventInput {
  /** The inbox row (webhook_events.id) this processing belongs to. */
  eventId: number;
  /** Its delivery key; counts large-request chunks (one per delivery, never per reference). */
  deliveryKey?: string | null;
  /** `X-Terra-Ordering-Timestamp` (ms); null: receivedAt decides which copy is newer. */
  orderingTs?: number | null;
  receivedAt: Date;
  /** `terra-reference`: set on the chunks of a large request. */
  reference?: string | null;
  source: RecordSource;
}

/**
 * State shared by the events applied in one transaction (a processor's batch): a connection
 * already upserted with the same fields earlier in the transaction is not written again.
 */
export interface ApplyContext {
  connections: Map<string, string>;
  /**
   * Where data addressed to a replaced user id goes (user_reauth): loaded for a whole batch at
   * once by preloadRedirects, kept current by the swaps the batch applies.
   */
  redirects?: Map<string, string>;
  /** User ids whose redirect is known (absent from `redirects`: the id is current). */
  redirectsKnown?: Set<string>;
  /**
   * When present, event statuses are collected here instead of written one by one; the caller
   * writes them all (setEventStatuses) before its transaction commits.
   */
  statuses?: EventStatusUpdate[];
  /**
   * When present, record upserts are collected here and written per type in one statement by
   * flushApplyContext (before any other write that could depend on them, and before the caller
   * commits); their counts are then not reported per event.
   */
  records?: UpsertRecordsArgs[];
  /** Likewise for the connection refresh of data events (touchConnections, written first). */
  touches?: TouchConnectionArgs[];
  /** False when the caller counted this attempt already (a processor's claim does). Default true. */
  countAttempts?: boolean;
}

export function newApplyContext(
  options: { deferStatuses?: boolean; deferRecords?: boolean; countAttempts?: boolean } = {},
): ApplyContext {
  const ctx: ApplyContext = { connections: new Map() };
  if (options.countAttempts === false) ctx.countAttempts = false;
  if (options.deferStatuses) ctx.statuses = [];
  if (options.deferRecords) {
    ctx.records = [];
    ctx.touches = [];
  }
  return ctx;
}

/** Loads, in one query, where data for each of these users goes now (see ApplyContext.redirects). */
export async function preloadRedirects(
  ex: Executor,
  ctx: ApplyContext,
  userIds: readonly string[],
): Promise<void> {
  const unknown = userIds.filter((u) => !ctx.redirectsKnown?.has(u));
  if (unknown.length === 0) return;
  const found = await currentUserIds(ex, unknown);
  ctx.redirects ??= new Map();
  ctx.redirectsKnown ??= new Set();
  for (const u of unknown) ctx.redirectsKnown.add(u);
  for (const [from, to] of found) ctx.redirects.set(from, to);
}

async function currentUserId(ex: Executor, ctx: ApplyContext, userId: string): Promise<string> {
  await preloadRedirects(ex, ctx, [userId]);
  return ctx.redirects?.get(userId) ?? userId;
}

/** Writes the record upserts collected in ctx: one statement per type (and 200 rows), in order. */
export async function flushApplyContext(ex: Executor, ctx: ApplyContext): Promise<void> {
  if (ctx.touches && ctx.touches.length > 0) {
    const touches = ctx.touches;
    ctx.touches = [];
    await touchConnections(ex, touches);
  }
  if (!ctx.records || ctx.records.length === 0) return;
  const byType = new Map<string, UpsertRecordsArgs[]>();
  for (const set of ctx.records) {
    const list = byType.get(set.type);
    if (list) list.push(set);
    else byType.set(set.type, [set]);
  }
  ctx.records = [];
  for (const sets of byType.values()) await upsertRecordSets(ex, sets);
}

async function writeStatus(ex: Executor, ctx: ApplyContext, u: EventStatusUpdate): Promise<void> {
  const update = ctx.countAttempts === false ? { ...u, countAttempt: false } : u;
  if (ctx.statuses) ctx.statuses.push(update);
  else await setEventStatus(ex, update);
}

export type EventOutcome = "processed" | "failed" | "ignored" | "pending" | "partial";

export interface ProcessResult {
  status: EventOutcome;
  /** The event type acted on (for s3_payload, the downloaded event's type); null: not known. */
  type: string | null;
  error?: string;
  records?: UpsertCounts;
  /** For s3_payload: the inbox row holding the downloaded body. */
  childEventId?: number;
  warnings?: IngestWarning[];
}

const INFORMATIONAL = new Set([
  "auth_cancelled",
  "healthcheck",
  "processing",
  "rate_limit_hit",
  "google_no_datasource",
]);

function userOf(event: WebhookEvent): LifecycleUser | null {
  if (event.type === "unknown") return null;
  if (event.type === "user_reauth") return event.new_user;
  if ("user" in event && event.user) return event.user as LifecycleUser;
  return null;
}

/** The error text of a partly failed event: which records, where, why (never a value). */
export function describeFailures(failures: readonly RecordFailure[], documents: number): string {
  const at = (index: number, path: string) =>
    path && path !== "(record)" ? `data.${index}.${path}` : `data.${index}`;
  const parts = failures.slice(0, 20).map((f) =>
    f.issues
      .slice(0, 5)
      .map((i) => `${at(f.index, i.path)}: ${i.message}`)
      .join("; "),
  );
  const more = failures.length > 20 ? ` (+${failures.length - 20} more)` : "";
  return `schema: ${failures.length} of ${documents} records failed validation: ${parts.join(" | ")}${more}`.slice(
    0,
    4000,
  );
}

async function refreshConnection(
  ex: Executor,
  ctx: ApplyContext,
  user: { user_id: string; provider?: string | null; reference_id?: string | null; scopes?: string | null },
  at: Date,
  deferrable: boolean,
): Promise<void> {
  const fields = `${user.provider ?? ""}|${user.reference_id ?? ""}|${user.scopes ?? ""}`;
  if (ctx.connections.get(user.user_id) === fields) return;
  ctx.connections.set(user.user_id, fields);
  const touch = {
    userId: user.user_id,
    provider: user.provider ?? null,
    referenceId: user.reference_id ?? undefined,
    scopes: user.scopes ?? undefined,
    at,
  };
  // A data event's refresh can wait for the flush; any other event's own write follows it.
  if (ctx.touches && deferrable) ctx.touches.push(touch);
  else await upsertConnection(ex, touch);
}

async function applyData(
  ex: Executor,
  input: EventInput,
  p: Extract<PreparedBody, { kind: "data" }>,
  config: IngestConfig,
  ctx: ApplyContext,
): Promise<ProcessResult> {
  const at = input.receivedAt;
  // Data for an id a user_reauth replaced belongs to the person's current id.
  const userId = await currentUserId(ex, ctx, p.userId);
  await refreshConnection(ex, ctx, { ...p.user, user_id: userId }, at, true);
  const done = (status: EventOutcome, extra: Partial<ProcessResult> = {}): ProcessResult => ({
    status,
    type: p.type,
    ...(p.warnings.length > 0 ? { warnings: p.warnings } : {}),
    ...extra,
  });
  if (!p.records) return done("ignored");
  let records: UpsertCounts | undefined;
  if (p.records.rows.length > 0) {
    const set: UpsertRecordsArgs = {
      type: p.records.type,
      userId,
      // Prepared (in a worker) with the configured measurement selection; stored with the same.
      records: PreparedRecords.fromRows(p.records.type, p.records.rows, config.measurements),
      measurements: config.measurements,
      orderingTs: input.orderingTs ?? null,
      receivedAt: at,
      source: input.source,
      eventId: input.eventId,
    };
    if (ctx.records) ctx.records.push(set);
    else records = await upsertRecords(ex, set);
  }
  if (input.reference && input.deliveryKey) {
    await recordChunk(ex, {
      reference: input.reference,
      deliveryKey: input.deliveryKey,
      userId,
      documents: p.documents,
    });
  }
  const extra = records ? { records } : {};
  if (p.failedRecords.length === 0) return done("processed", extra);
  const error = describeFailures(p.failedRecords, p.documents);
  return done(p.records.rows.length > 0 ? "partial" : "failed", { ...extra, error });
}

async function applyOther(
  ex: Executor,
  input: EventInput,
  event: WebhookEvent,
  ctx: ApplyContext,
): Promise<ProcessResult> {
  const at = input.receivedAt;
  const user = userOf(event);
  // Deferred record writes go out before anything that could move or depend on them (reauth).
  await flushApplyContext(ex, ctx);
  // Every event naming a user refreshes its connection; fields it does not carry stay as stored.
  if (user && event.type !== "user_reauth") await refreshConnection(ex, ctx, user, at, false);
  const done = (status: EventOutcome, extra: Partial<ProcessResult> = {}): ProcessResult => ({
    status,
    type: event.type === "unknown" ? event.event_type : event.type,
    ...extra,
  });

  switch (event.type) {
    case "auth":
      if (event.status === "success") {
        await upsertConnection(ex, {
          userId: event.user.user_id,
          provider: event.user.provider,
          status: "active",
          connected: true,
          at,
        });
      }
      return done("processed");
    case "deauth":
    case "access_revoked":
    case "connection_error": {
      const status =
        event.type === "deauth" ? "deauthorized" : event.type === "access_revoked" ? "revoked" : "error";
      await setConnectionStatus(ex, { userId: event.user.user_id, status, reason: event.message, at });
      ctx.connections.delete(event.user.user_id);
      return done("processed");
    }
    case "permission_change":
      // The connection refresh above stored the new `user.scopes`.
      return done("processed");
    case "user_reauth": {
      const newUser = {
        userId: event.new_user.user_id,
        provider: event.new_user.provider,
        referenceId: event.new_user.reference_id ?? undefined,
        scopes: event.new_user.scopes ?? undefined,
      };
      const oldId = event.old_user?.user_id;
      ctx.connections.delete(newUser.userId);
      if (oldId) ctx.connections.delete(oldId);
      if (oldId && oldId !== newUser.userId) {
        await reauthSwap(ex, { oldUserId: oldId, newUser, actor: "webhook", at });
        // Later data for the old id in this batch goes to the new one.
        ctx.redirects ??= new Map();
        ctx.redirectsKnown ??= new Set();
        ctx.redirects.set(oldId, newUser.userId);
        ctx.redirectsKnown.add(oldId);
        for (const [from, to] of ctx.redirects) if (to === oldId) ctx.redirects.set(from, newUser.userId);
      } else {
        await upsertConnection(ex, { ...newUser, status: "active", connected: true, at });
      }
      return done("processed");
    }
    case "large_request_processing":
    case "large_request_sending":
      await recordLargeRequest(ex, {
        reference: event.reference,
        kind: event.type === "large_request_sending" ? "sending" : "processing",
        userId: event.user.user_id,
        expectedPayloads: event.type === "large_request_sending" ? event.expected_payloads : null,
      });
      return done("processed");
    case "unknown":
      return done("ignored");
    default:
      // Newer products (hormone, health_observation, planned_workout, lab_report.*) and the
      // informational events are kept in the inbox only.
      return done(INFORMATIONAL.has(event.type) ? "processed" : "ignored");
  }
}

/** The inbox row's update for an outcome: status, error, and what parsing learnt of the row. */
function statusOf(input: EventInput, r: ProcessResult, userId: string | null): EventStatusUpdate {
  return {
    id: input.eventId,
    status: r.status,
    error: r.error ?? null,
    type: r.type,
    userId,
    warnings: r.warnings ?? null,
  };
}

/**
 * Applies one prepared event inside the caller's transaction (or savepoint) and sets the inbox
 * row's status. Validation failures become `failed` (or `partial`, when some records were stored)
 * with the error; database errors are thrown, so the caller's transaction decides (the processor
 * retries them with backoff).
 */
export async function applyEvent(
  ex: Executor,
  input: EventInput,
  prepared: PreparedEvent,
  config: IngestConfig,
  ctx: ApplyContext = newApplyContext(),
): Promise<ProcessResult> {
  let result: ProcessResult;
  switch (prepared.kind) {
    case "invalid":
      result = { status: "failed", type: prepared.type, error: prepared.error };
      break;
    case "s3_pending":
      result = { status: "pending", type: "s3_payload", error: prepared.error };
      break;
    case "s3": {
      // The downloaded event is applied with its own context: pending writes go out first.
      await flushApplyContext(ex, ctx);
      // Keep every byte received: the downloaded body becomes its own inbox row (replayable once
      // the URL has expired), deduplicated on the parent delivery.
      const childKey = `s3:${input.deliveryKey ?? `event:${input.eventId}`}`;
      const child = await insertEvent(ex, {
        rawBody: prepared.innerBody,
        deliveryKey: childKey,
        reference: input.reference ?? null,
        type: prepared.inner.type,
        userId: prepared.inner.userId,
        orderingTs: input.orderingTs ?? null,
        receivedAt: input.receivedAt,
        source: "s3_payload",
      });
      const inner = child.duplicate
        ? { status: child.status as EventOutcome, type: prepared.inner.type }
        : await applyEvent(
            ex,
            { ...input, eventId: child.id, deliveryKey: childKey },
            prepared.inner,
            config,
          );
      result = { ...inner, childEventId: child.id };
      await writeStatus(ex, ctx, {
        id: input.eventId,
        status: inner.status === "pending" ? "pending" : "processed",
        error: inner.error ?? null,
        type: "s3_payload",
      });
      return result;
    }
    case "data":
      result = await applyData(ex, input, prepared, config, ctx);
      break;
    case "event":
      result = await applyOther(ex, input, prepared.event, ctx);
      if (prepared.warnings.length > 0) result.warnings = prepared.warnings;
      break;
  }
  await writeStatus(ex, ctx, statusOf(input, result, prepared.userId));
  return result;
}
