// What the real-process tests send and what they expect to find afterwards. The mix carries effects
// that would show a second application of one row: a user_reauth writes one audit row each time
// it is applied, every body record names the inbox row that wrote it, and the large request's
// chunks are counted against what was announced.
import { request } from "node:http";
import { type Db, largeRequestProgress, rows } from "@wearables/storage";
import { bodyDoc } from "@wearables/storage/testing";
import { signWebhook } from "@wearables/terra-client";
import { sql } from "drizzle-orm";
import { expect } from "vitest";
import { SECRET } from "./harness.ts";

interface Base {
  traceId: string;
  body: string;
  reference: string | null;
  orderingTs: number;
}
export type Delivery =
  | (Base & { kind: "body"; userId: string; date: string; weightKg: number })
  | (Base & { kind: "reauth"; oldUserId: string; newUserId: string })
  | (Base & { kind: "sending"; expected: number });

const user = (id: string) => ({ user_id: id, provider: "WITHINGS", reference_id: `ref-${id}`, scopes: null });
const dayAfter = (start: string, n: number) =>
  new Date(Date.parse(`${start}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * `count` deliveries of run `run`: Body days (each its own user × day, so each has one record),
 * every 16th a user_reauth of a pair of its own, every 16th a chunk of one large request whose
 * `large_request_sending` comes first. `padding` bytes per body make processing slower.
 */
export function mix(run: string, count: number, padding = 2000): Delivery[] {
  const reference = `${run}-lr`;
  const out: Delivery[] = [];
  let chunks = 0;
  for (let i = 1; i < count; i++) {
    const base = { traceId: `${run}-${i}`, orderingTs: 1_780_000_000_000 + i };
    if (i % 16 === 5) {
      const [oldUserId, newUserId] = [`${run}-old-${i}`, `${run}-new-${i}`];
      const body = JSON.stringify({
        type: "user_reauth",
        status: "warning",
        message: "User has reauthenticated and old ID has been deleted",
        old_user: user(oldUserId),
        new_user: user(newUserId),
      });
      out.push({ ...base, kind: "reauth", body, reference: null, oldUserId, newUserId });
      continue;
    }
    const chunk = i % 16 === 11;
    if (chunk) chunks++;
    const userId = `${run}-u${i % 8}`;
    const date = dayAfter("2024-01-01", i);
    const weightKg = 60 + (i % 400) / 10;
    const doc = { ...bodyDoc(date, { weightKg, samples: 1 }), padding: "x".repeat(padding + (i % 5) * 100) };
    const body = JSON.stringify({ type: "body", user: user(userId), data: [doc], version: "2022-03-16" });
    out.push({ ...base, kind: "body", body, reference: chunk ? reference : null, userId, date, weightKg });
  }
  const sending = JSON.stringify({
    type: "large_request_sending",
    user: user(`${run}-u0`),
    reference,
    message: "Large request is being sent",
    expected_payloads: chunks,
  });
  out.unshift({
    kind: "sending",
    traceId: `${run}-0`,
    body: sending,
    reference,
    orderingTs: 1_780_000_000_000,
    expected: chunks,
  });
  return out;
}

function signedHeaders(d: Delivery): Record<string, string> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-terra-trace-id": d.traceId,
    "x-terra-ordering-timestamp": String(d.orderingTs),
    "terra-signature": signWebhook(d.body, SECRET, Math.floor(Date.now() / 1000)),
  };
  if (d.reference) headers["terra-reference"] = d.reference;
  return headers;
}

/** One signed POST; 0 when the connection failed (refused, or cut by a kill). */
export async function send(url: string, d: Delivery): Promise<number> {
  try {
    const res = await fetch(url, { method: "POST", headers: signedHeaders(d), body: d.body });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/** The same on a new connection of its own (not one a keep-alive pool already holds). */
export function sendFresh(url: string, d: Delivery): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { method: "POST", headers: signedHeaders(d), agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("error", () => resolve(0));
    req.end(d.body);
  });
}

/**
 * Sends every delivery once, `concurrency` at a time, to `target(i)` (one URL, or alternating
 * between services). `onResult` sees each answer as it comes. Returns the acknowledged trace ids.
 */
export async function load(
  target: (i: number) => string,
  deliveries: readonly Delivery[],
  concurrency: number,
  onResult: (d: Delivery, status: number) => void = () => {},
): Promise<{ acked: Set<string>; statuses: number[] }> {
  const acked = new Set<string>();
  const statuses: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < deliveries.length) {
        const i = next++;
        const d = deliveries[i] as Delivery;
        const status = await send(target(i), d);
        statuses.push(status);
        if (status >= 200 && status < 300) acked.add(d.traceId);
        onResult(d, status);
      }
    }),
  );
  return { acked, statuses };
}

/** As Terra does: sends each delivery again until it is acknowledged (bounded, then it throws). */
export async function deliverAll(
  url: string,
  deliveries: readonly Delivery[],
  concurrency = 8,
): Promise<void> {
  let left = [...deliveries];
  for (let round = 0; left.length > 0; round++) {
    if (round === 20) throw new Error(`${left.length} deliveries never acknowledged`);
    if (round > 0) await new Promise((r) => setTimeout(r, 250));
    const { acked } = await load(() => url, left, concurrency);
    left = left.filter((d) => !acked.has(d.traceId));
  }
}

export interface InboxRow {
  id: number;
  trace_id: string;
  status: string;
  error: string | null;
  attempts: number;
  lost_leases: number;
  lease_owner: string | null;
  processed_at: Date | null;
}

export async function inboxRows(db: Db, run: string): Promise<InboxRow[]> {
  const r = await rows<InboxRow>(
    db,
    sql`select id, trace_id, status, error, attempts, lost_leases, lease_owner, processed_at
        from webhook_events where trace_id like ${`${run}-%`} order by id`,
  );
  return r.map((x) => ({ ...x, id: Number(x.id), processed_at: x.processed_at && new Date(x.processed_at) }));
}

/**
 * Every delivery is in the inbox once and processed, and each effect is there exactly once: one
 * body record per body delivery written by its row, one audit row per user_reauth, the large
 * request's chunks all counted. Returns the run's inbox rows.
 */
export async function expectAppliedOnce(db: Db, run: string, deliveries: readonly Delivery[]) {
  const inbox = await inboxRows(db, run);
  expect(inbox.map((r) => r.trace_id).sort()).toEqual(deliveries.map((d) => d.traceId).sort());
  expect(inbox.filter((r) => r.status !== "processed" || r.error !== null)).toEqual([]);
  const idOf = new Map(inbox.map((r) => [r.trace_id, r.id]));
  const key = (x: { user: string; date: string }) => `${x.user} ${x.date}`;
  const records = await rows<{ user: string; date: string; event_id: string; weight_kg: number }>(
    db,
    sql`select user_id as user, local_date::text as date, event_id, weight_kg from body
        where user_id like ${`${run}-%`}`,
  );
  const bodies = deliveries.filter((d) => d.kind === "body");
  const byKey = (a: { user: string; date: string }, b: { user: string; date: string }) =>
    key(a).localeCompare(key(b));
  expect(records.map((r) => ({ ...r, event_id: Number(r.event_id) })).sort(byKey)).toEqual(
    bodies
      .map((d) => ({ user: d.userId, date: d.date, event_id: idOf.get(d.traceId), weight_kg: d.weightKg }))
      .sort(byKey),
  );
  const swaps = await rows<{ old: string; new: string; n: number }>(
    db,
    sql`select details->>'oldUserId' as old, target_user_id as new, count(*)::int as n from audit_log
        where action = 'user.reauth_swap' and target_user_id like ${`${run}-%`} group by 1, 2`,
  );
  const reauths = deliveries.filter((d) => d.kind === "reauth");
  expect(swaps.sort((a, b) => a.old.localeCompare(b.old))).toEqual(
    reauths
      .map((d) => ({ old: d.oldUserId, new: d.newUserId, n: 1 }))
      .sort((a, b) => a.old.localeCompare(b.old)),
  );
  const sending = deliveries.find((d) => d.kind === "sending");
  if (sending) {
    expect(await largeRequestProgress(db, sending.reference as string)).toEqual({
      received: sending.expected,
      expected: sending.expected,
    });
  }
  return inbox;
}

/**
 * Each row appears in at most one "processed batch" line of all the processes, and in exactly one
 * unless a process was killed after committing a batch and before logging it: then at most one
 * batch (`allowUnlogged.max` rows) may be missing, all processed before `allowUnlogged.before`.
 */
export function expectLoggedOnce(
  inbox: readonly InboxRow[],
  batches: readonly number[][],
  allowUnlogged?: { before: Date; max: number },
): void {
  const seen = new Map<number, number>();
  for (const id of batches.flat()) seen.set(id, (seen.get(id) ?? 0) + 1);
  expect(inbox.filter((r) => (seen.get(r.id) ?? 0) > 1).map((r) => r.id)).toEqual([]);
  const unlogged = inbox.filter((r) => !seen.has(r.id));
  if (!allowUnlogged) {
    expect(unlogged.map((r) => r.id)).toEqual([]);
    return;
  }
  expect(unlogged.length).toBeLessThanOrEqual(allowUnlogged.max);
  const before = allowUnlogged.before.getTime();
  expect(unlogged.filter((r) => (r.processed_at?.getTime() ?? Infinity) >= before)).toEqual([]);
}
