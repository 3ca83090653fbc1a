// The inbox as a queue (ADR 0503): the webhook's acknowledgement inserts received rows; processors
// claim them with leases (FOR UPDATE SKIP LOCKED), apply them under a row lock and mark them done.
import { type SQL, sql } from "drizzle-orm";
import { type Executor, rows } from "../db.ts";
import type { EventStatus } from "../schema/webhook-events.ts";
import { deliveryKeyFor, sha256Hex } from "./events.ts";

/** One acknowledged delivery: the raw bytes as received and the few headers that matter. */
export interface ReceivedDelivery {
  rawBody: Uint8Array;
  /** `X-Terra-Trace-Id`; absent: the delivery key is the body's sha256. */
  traceId?: string | null;
  reference?: string | null;
  orderingTs?: number | null;
  receivedAt: Date;
  /** The body's sha256 in hex, when the caller computed it already (off the event loop). */
  bodySha256?: string;
  deliveryKey?: string;
  /** Insert the row already leased to this processor (it holds the body in memory). */
  leaseOwner?: string | null;
  source?: string;
}

export interface ReceivedResult {
  id: number;
  deliveryKey: string;
  /** The key was already stored (a retry): the row is the earlier one and nothing was written. */
  duplicate: boolean;
  status: EventStatus;
}

function list(parts: readonly SQL[]): SQL {
  return sql.join([...parts], sql`, `);
}

/**
 * The acknowledgement's one statement: every delivery of a group commit as a received row,
 * deduplicated on its delivery key (a key already stored, or repeated earlier in the call, is a
 * duplicate of that row). No type, user or validation: nothing about the content is looked at.
 * Results are in input order. `leaseMs` applies to rows with a `leaseOwner`; such a row counts its
 * first processing attempt (as a claim would).
 */
export async function insertReceived(
  ex: Executor,
  deliveries: readonly ReceivedDelivery[],
  opts: { leaseMs?: number } = {},
): Promise<ReceivedResult[]> {
  if (deliveries.length === 0) return [];
  const keys = deliveries.map((d) => d.deliveryKey ?? deliveryKeyFor(d.rawBody, d.traceId));
  const first = new Map<string, number>();
  keys.forEach((k, i) => {
    if (!first.has(k)) first.set(k, i);
  });
  const leaseMs = opts.leaseMs ?? 120_000;
  const values = [...first.values()].map((i) => {
    const d = deliveries[i] as ReceivedDelivery;
    const leased = d.leaseOwner ? new Date(d.receivedAt.getTime() + leaseMs).toISOString() : null;
    return sql`(${keys[i]}, ${d.traceId ?? null}, ${d.reference ?? null}, ${d.rawBody}::bytea,
      ${d.bodySha256 ?? sha256Hex(d.rawBody)}, ${d.rawBody.byteLength}::int, ${d.orderingTs ?? null}::bigint,
      ${d.receivedAt.toISOString()}::timestamptz, ${d.source ?? "webhook"}, ${d.leaseOwner ?? null},
      ${leased}::timestamptz, ${d.leaseOwner ? 1 : 0}::int)`;
  });
  const inserted = await rows<{ id: string | number; delivery_key: string }>(
    ex,
    sql`insert into webhook_events (delivery_key, trace_id, reference, raw_body, body_sha256, body_bytes,
          ordering_ts, received_at, source, lease_owner, lease_expires_at, attempts)
        values ${list(values)}
        on conflict (delivery_key) do nothing
        returning id, delivery_key`,
  );
  const byKey = new Map<string, { id: number; status: EventStatus; fresh: boolean }>(
    inserted.map((r) => [r.delivery_key, { id: Number(r.id), status: "received", fresh: true }]),
  );
  const missing = [...first.keys()].filter((k) => !byKey.has(k));
  if (missing.length > 0) {
    const existing = await rows<{ id: string | number; delivery_key: string; status: EventStatus }>(
      ex,
      sql`select id, delivery_key, status from webhook_events
          where delivery_key in (${list(missing.map((k) => sql`${k}`))})`,
    );
    for (const r of existing) byKey.set(r.delivery_key, { id: Number(r.id), status: r.status, fresh: false });
  }
  return keys.map((k, i) => {
    const row = byKey.get(k);
    if (!row) throw new Error("insertReceived: a conflicting delivery key vanished (purged concurrently)");
    return { id: row.id, deliveryKey: k, status: row.status, duplicate: !row.fresh || first.get(k) !== i };
  });
}

/** A received row as a processor works on it. */
export interface QueuedEvent {
  id: number;
  deliveryKey: string;
  rawBody: Uint8Array | null;
  traceId: string | null;
  reference: string | null;
  orderingTs: number | null;
  receivedAt: Date;
  source: string;
  /** Claims so far, this one included. */
  attempts: number;
  /** Claims that found an earlier holder's lease passed with no outcome. */
  lostLeases: number;
  bodyBytes: number;
}

type QueuedRow = {
  id: string | number;
  delivery_key: string;
  raw_body: Uint8Array | null;
  trace_id: string | null;
  reference: string | null;
  ordering_ts: string | number | null;
  received_at: string | Date;
  source: string;
  attempts: number;
  lost_leases: number;
  body_bytes: number;
};

function toQueued(r: QueuedRow): QueuedEvent {
  return {
    id: Number(r.id),
    deliveryKey: r.delivery_key,
    rawBody: r.raw_body,
    traceId: r.trace_id,
    reference: r.reference,
    orderingTs: r.ordering_ts === null ? null : Number(r.ordering_ts),
    receivedAt: new Date(r.received_at),
    source: r.source,
    attempts: Number(r.attempts),
    lostLeases: Number(r.lost_leases),
    bodyBytes: Number(r.body_bytes),
  };
}

export interface ClaimEventsArgs {
  owner: string;
  /** Most rows per claim. */
  limit: number;
  /** Stop adding rows once their bodies reach this many bytes (the first row always comes). */
  maxBytes: number;
  leaseMs: number;
  now?: Date;
}

/**
 * Leases received rows to `owner`, oldest first: rows never leased, and rows whose lease has passed
 * (their processor died or hung) once their retry time has come. Rows another claimer holds are
 * skipped (FOR UPDATE SKIP LOCKED), so replicas share the queue and never claim a row twice at once.
 */
export async function claimEvents(ex: Executor, args: ClaimEventsArgs): Promise<QueuedEvent[]> {
  const now = (args.now ?? new Date()).toISOString();
  const until = new Date((args.now ?? new Date()).getTime() + args.leaseMs).toISOString();
  const r = await rows<QueuedRow>(
    ex,
    sql`with candidates as (
          select id, body_bytes from webhook_events
          where status = 'received'
            and (lease_expires_at is null or lease_expires_at < ${now}::timestamptz)
            and (next_attempt_at is null or next_attempt_at <= ${now}::timestamptz)
          order by id
          limit ${args.limit}
          for update skip locked
        ), chosen as (
          select id from (
            select id, sum(body_bytes) over (order by id) - body_bytes as before from candidates
          ) c
          where c.before < ${args.maxBytes}
        )
        update webhook_events w
        set lease_owner = ${args.owner}, lease_expires_at = ${until}::timestamptz,
            attempts = w.attempts + 1,
            lost_leases = w.lost_leases + case when w.lease_owner is not null then 1 else 0 end
        from chosen where w.id = chosen.id
        returning w.id, w.delivery_key, w.raw_body, w.trace_id, w.reference, w.ordering_ts, w.received_at,
          w.source, w.attempts, w.lost_leases, w.body_bytes`,
  );
  return r.map(toQueued).sort((a, b) => a.id - b.id);
}

/**
 * Inside the transaction that applies them: locks the rows `owner` still holds (received, its
 * lease) and returns their ids. A row missing from the answer was taken over or finished by
 * another processor: its effects must not be applied here. The lock makes a concurrent applier of
 * the same row wait for this transaction, then see it done.
 */
export async function lockHeldEvents(
  ex: Executor,
  args: { ids: readonly number[]; owner: string },
): Promise<number[]> {
  if (args.ids.length === 0) return [];
  const r = await rows<{ id: string | number }>(
    ex,
    sql`select id from webhook_events
        where id in (${list(args.ids.map((id) => sql`${id}::bigint`))})
          and status = 'received' and lease_owner = ${args.owner}
        order by id
        for update`,
  );
  return r.map((x) => Number(x.id));
}

/** Pushes the leases of rows still being worked on (a long download, a very large body). */
export async function extendEventLeases(
  ex: Executor,
  args: { ids: readonly number[]; owner: string; leaseMs: number; now?: Date },
): Promise<number[]> {
  if (args.ids.length === 0) return [];
  const until = new Date((args.now ?? new Date()).getTime() + args.leaseMs).toISOString();
  const r = await rows<{ id: string | number }>(
    ex,
    sql`update webhook_events set lease_expires_at = ${until}::timestamptz
        where id in (${list(args.ids.map((id) => sql`${id}::bigint`))})
          and status = 'received' and lease_owner = ${args.owner}
        returning id`,
  );
  return r.map((x) => Number(x.id));
}

/**
 * Rows whose processing failed for a reason outside their payload (the database): back in the
 * queue after `retryAt`, with the reason (an operator's text, never payload values). Never dropped.
 */
export async function retryEventsLater(
  ex: Executor,
  args: { ids: readonly number[]; owner: string; retryAt: Date; error: string },
): Promise<number> {
  if (args.ids.length === 0) return 0;
  const r = await rows<{ id: string | number }>(
    ex,
    sql`update webhook_events
        set lease_owner = null, lease_expires_at = null, next_attempt_at = ${args.retryAt.toISOString()}::timestamptz,
            error = ${args.error}
        where id in (${list(args.ids.map((id) => sql`${id}::bigint`))})
          and status = 'received' and lease_owner = ${args.owner}
        returning id`,
  );
  return r.length;
}

/** Lets go of rows this processor holds without an outcome (shutting down): others claim them at once. */
export async function releaseEvents(
  ex: Executor,
  args: { ids: readonly number[]; owner: string },
): Promise<number> {
  if (args.ids.length === 0) return 0;
  const r = await rows<{ id: string | number }>(
    ex,
    sql`update webhook_events set lease_owner = null, lease_expires_at = null
        where id in (${list(args.ids.map((id) => sql`${id}::bigint`))})
          and status = 'received' and lease_owner = ${args.owner}
        returning id`,
  );
  return r.length;
}

export interface InboxBacklog {
  /** Received rows not processed yet. */
  waiting: number;
  /** Bytes of their bodies. */
  waitingBytes: number;
  /** Receipt time of the oldest of them (null: none). */
  oldestReceivedAt: Date | null;
  /** Of them, waiting for a retry after a database error. */
  retrying: number;
}

/** The processing backlog (what /metrics, admin stats and shedding read); one scan of the queue index. */
export async function inboxBacklog(ex: Executor): Promise<InboxBacklog> {
  const r = await rows<{
    waiting: string | number;
    bytes: string | number | null;
    oldest: string | Date | null;
    retrying: string | number;
  }>(
    ex,
    sql`select count(*) as waiting, sum(body_bytes) as bytes, min(received_at) as oldest,
          count(*) filter (where next_attempt_at is not null) as retrying
        from webhook_events where status = 'received'`,
  );
  const x = r[0];
  return {
    waiting: Number(x?.waiting ?? 0),
    waitingBytes: Number(x?.bytes ?? 0),
    oldestReceivedAt: x?.oldest ? new Date(x.oldest) : null,
    retrying: Number(x?.retrying ?? 0),
  };
}

/**
 * A replay's guard: locks one row for the transaction that re-applies it. A processor holding the
 * same row (lockHeldEvents) then waits for this transaction, and the other way round.
 */
export async function lockEventForProcessing(ex: Executor, id: number): Promise<void> {
  await rows(ex, sql`select id from webhook_events where id = ${id}::bigint for update`);
}
