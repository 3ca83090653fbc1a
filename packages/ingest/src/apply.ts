import type { DataType, TerraUser, WebhookEvent } from "@wearables/schemas";
import {
  type EventStatusUpdate,
  type Executor,
  insertEvent,
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
import type { PreparedEvent } from "./prepare.ts";
import { selectFields } from "./select.ts";

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
 * State shared by the events applied in one transaction (the webhook's group commit): a connection
 * already upserted with the same fields earlier in the transaction is not written again.
 */
export interface ApplyContext {
  connections: Map<string, string>;
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
}

export function newApplyContext(
  options: { deferStatuses?: boolean; deferRecords?: boolean } = {},
): ApplyContext {
  const ctx: ApplyContext = { connections: new Map() };
  if (options.deferStatuses) ctx.statuses = [];
  if (options.deferRecords) {
    ctx.records = [];
    ctx.touches = [];
  }
  return ctx;
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

async function writeStatus(ex: Executor, ctx: ApplyContext, update: EventStatusUpdate): Promise<void> {
  if (ctx.statuses) ctx.statuses.push(update);
  else await setEventStatus(ex, update);
}

export type EventOutcome = "processed" | "failed" | "ignored" | "pending";

export interface ProcessResult {
  status: EventOutcome;
  /** The event type acted on (for s3_payload, the downloaded event's type). */
  type: string;
  error?: string;
  records?: UpsertCounts;
  /** For s3_payload: the inbox row holding the downloaded body. */
  childEventId?: number;
}

const INFORMATIONAL = new Set([
  "auth_cancelled",
  "healthcheck",
  "processing",
  "rate_limit_hit",
  "google_no_datasource",
]);

function userOf(event: WebhookEvent): TerraUser | null {
  if (event.type === "unknown") return null;
  if (event.type === "user_reauth") return event.new_user;
  if ("user" in event && event.user) return event.user as TerraUser;
  return null;
}

function storedType(t: string): t is DataType {
  return ["activity", "body", "daily", "sleep", "menstruation", "nutrition", "athlete"].includes(t);
}

async function applyParsed(
  ex: Executor,
  input: EventInput,
  event: WebhookEvent,
  config: IngestConfig,
  ctx: ApplyContext,
): Promise<ProcessResult> {
  const at = input.receivedAt;
  const user = userOf(event);
  // Deferred record writes go out before anything that could move or depend on them (reauth).
  if (!storedType(event.type)) await flushApplyContext(ex, ctx);
  const fields = user ? `${user.provider}|${user.reference_id ?? ""}|${user.scopes ?? ""}` : "";
  // Every event naming a user refreshes its connection; fields it does not carry stay as stored.
  if (user && event.type !== "user_reauth" && ctx.connections.get(user.user_id) !== fields) {
    ctx.connections.set(user.user_id, fields);
    const touch = {
      userId: user.user_id,
      provider: user.provider,
      referenceId: user.reference_id ?? undefined,
      scopes: user.scopes ?? undefined,
      at,
    };
    // A data event's refresh can wait for the flush; any other event's own write follows it.
    if (ctx.touches && storedType(event.type)) ctx.touches.push(touch);
    else await upsertConnection(ex, touch);
  }
  const done = (status: EventOutcome, extra: Partial<ProcessResult> = {}): ProcessResult => ({
    status,
    type: event.type === "unknown" ? event.event_type : event.type,
    ...extra,
  });

  switch (event.type) {
    case "activity":
    case "body":
    case "daily":
    case "sleep":
    case "menstruation":
    case "nutrition":
    case "athlete": {
      if (!storedType(event.type) || !config.dataTypes.has(event.type)) return done("ignored");
      const type = event.type;
      const docs =
        type === "athlete" && "athlete" in event ? [event.athlete] : "data" in event ? event.data : [];
      const selection = config.selections[type] ?? null;
      const set: UpsertRecordsArgs = {
        type,
        userId: (user as TerraUser).user_id,
        records: selection ? docs.map((d) => selectFields(d, selection)) : docs,
        orderingTs: input.orderingTs ?? null,
        receivedAt: at,
        source: input.source,
        eventId: input.eventId,
      };
      let records: UpsertCounts | undefined;
      if (ctx.records) ctx.records.push(set);
      else records = await upsertRecords(ex, set);
      if (input.reference && input.deliveryKey) {
        await recordChunk(ex, {
          reference: input.reference,
          deliveryKey: input.deliveryKey,
          userId: user?.user_id ?? null,
          documents: docs.length,
        });
      }
      return done("processed", records ? { records } : {});
    }
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
      // The generic upsert above stored the new `user.scopes`.
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
    case "s3_payload":
      // A downloaded payload pointing at another payload: nothing sane to follow.
      return done("failed", { error: "s3_payload content is itself an s3_payload" });
    case "unknown":
      return done("ignored");
    default:
      // Newer products (hormone, health_observation, planned_workout, lab_report.*) and the
      // informational events are kept in the inbox only.
      return done(INFORMATIONAL.has(event.type) ? "processed" : "ignored");
  }
}

/**
 * The status and error applyEvent will give this event when nothing unexpected happens, without a
 * database: the webhook stores the inbox row with it in the same INSERT, so the usual delivery
 * needs no status UPDATE afterwards (an UPDATE of the indexed status column rewrites every index
 * entry of the row). null when it depends on the database (s3_payload content). A caller must
 * still compare with the outcome and write the status where they differ.
 */
export function expectedOutcome(
  prepared: PreparedEvent,
  config: IngestConfig,
): { status: EventOutcome; error: string | null } | null {
  switch (prepared.kind) {
    case "invalid":
      return { status: "failed", error: prepared.error };
    case "s3_pending":
      return { status: "pending", error: prepared.error };
    case "s3":
      return null;
    case "event": {
      const type = prepared.event.type;
      if (storedType(type))
        return { status: config.dataTypes.has(type) ? "processed" : "ignored", error: null };
      switch (type) {
        case "auth":
        case "deauth":
        case "access_revoked":
        case "connection_error":
        case "permission_change":
        case "user_reauth":
        case "large_request_processing":
        case "large_request_sending":
          return { status: "processed", error: null };
        case "s3_payload":
          return null;
        case "unknown":
          return { status: "ignored", error: null };
        default:
          return { status: INFORMATIONAL.has(type) ? "processed" : "ignored", error: null };
      }
    }
  }
}

/**
 * Applies one prepared event inside the caller's transaction (or savepoint) and sets the inbox
 * row's status. Validation failures become `failed` with the error; database errors are thrown,
 * so the caller's transaction decides (the webhook answers 503 and Terra retries).
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
      });
      return result;
    }
    case "event":
      result = await applyParsed(ex, input, prepared.event, config, ctx);
      break;
  }
  await writeStatus(ex, ctx, { id: input.eventId, status: result.status, error: result.error ?? null });
  return result;
}
