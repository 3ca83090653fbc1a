import { signWebhook } from "@wearables/terra-client";
import { createRng } from "./prng.ts";

/** Faults a single delivery can be given (applied to its first attempt only, unless noted). */
export type DeliveryFault =
  /** The first attempt never reaches the receiver (a network drop); the retry does. */
  | "drop_first"
  /** Signed with a secret the receiver does not know. */
  | "wrong_signature"
  /** Signed correctly but with `t` ten minutes in the past (beyond the 300 s tolerance). */
  | "stale_timestamp"
  /** The body is cut in half in transit (the signature covers the full body). */
  | "truncated_body"
  /** Delivered twice, the second copy right after the first (same trace id, same ordering ts). */
  | "duplicate";

export interface SendOptions {
  /** `terra-reference` header (REST-triggered deliveries and large-request chunks). */
  reference?: string;
  /** `X-Terra-Trace-Id`; a fresh id per delivery otherwise, kept across its retries. */
  traceId?: string;
  /** `X-Terra-Ordering-Timestamp` (ms); defaults to the emission time, unchanged on retry. */
  orderingTs?: number | null;
  fault?: DeliveryFault;
}

export interface Attempt {
  n: number;
  at: number;
  /** HTTP status, or 0 when the request failed (network error, time-out, dropped). */
  status: number;
  error?: string;
  fault?: DeliveryFault;
  signature: string;
}

export interface Delivery {
  id: number;
  type: string;
  traceId: string;
  reference: string | null;
  orderingTs: number | null;
  /** The exact body bytes sent (as a string). */
  body: string;
  attempts: Attempt[];
  state: "pending" | "delivered" | "failed";
  /** Resolves when delivered or out of attempts. */
  done: Promise<Delivery>;
  /** Resolves once the first attempt has been answered (to keep a sequence's order). */
  sent: Promise<void>;
}

export interface WebhookSenderOptions {
  url: string;
  secret: string;
  fetch?: typeof fetch;
  /** Epoch ms clock; signatures use it for `t`, ordering timestamps for emission. */
  now?: () => number;
  /** Multiplies every retry delay (1 = Terra's real 30 s doubling; 0.0001 in tests). */
  timeScale?: number;
  /** Terra: up to 10 tries. */
  maxAttempts?: number;
  baseDelayMs?: number;
  /** Terra: the doubling is capped at 8 hours. */
  maxDelayMs?: number;
  /** Per attempt; Terra gives up on a receiver after about 8 s (NOTES §2.5). */
  timeoutMs?: number;
  devId?: string;
  /** Seed for trace ids and random faults. */
  seed?: string | number;
  /** Random faults for storm tests: probability per delivery of each fault. */
  faultRates?: Partial<Record<DeliveryFault, number>>;
  /** Replaces the timer between attempts (tests record the scheduled delays with it). */
  sleep?: (ms: number) => Promise<void>;
  /** Which signature header names to send (Terra currently sends both). */
  signatureHeaders?: readonly string[];
}

export interface WebhookSender {
  send(event: unknown, opts?: SendOptions): Delivery;
  /** Re-send an earlier delivery's exact body and headers later: "a late retry of an older copy". */
  resend(delivery: Delivery): Delivery;
  /** Send in a shuffled order (deterministic from the seed): "reordering". */
  sendReordered(events: readonly { event: unknown; opts?: SendOptions }[]): Delivery[];
  readonly deliveries: readonly Delivery[];
  /** Wait until every delivery so far is delivered or failed. */
  flush(): Promise<void>;
  /** Stop pending retries (their deliveries become failed). */
  close(): void;
}

export const TERRA_RETRY = { maxAttempts: 10, baseDelayMs: 30_000, maxDelayMs: 8 * 3600_000 } as const;

/** Delay before attempt `n + 1` after attempt `n` failed: 30 s doubling, capped. */
export function retryDelayMs(
  n: number,
  base: number = TERRA_RETRY.baseDelayMs,
  cap: number = TERRA_RETRY.maxDelayMs,
): number {
  return Math.min(cap, base * 2 ** (n - 1));
}

export function createWebhookSender(options: WebhookSenderOptions): WebhookSender {
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const scale = options.timeScale ?? 1;
  const maxAttempts = options.maxAttempts ?? TERRA_RETRY.maxAttempts;
  const base = options.baseDelayMs ?? TERRA_RETRY.baseDelayMs;
  const cap = options.maxDelayMs ?? TERRA_RETRY.maxDelayMs;
  const sigHeaders = options.signatureHeaders ?? ["terra-signature", "x-terra-signature"];
  const rng = createRng(options.seed ?? "sender", "sender");
  const deliveries: Delivery[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const wakers = new Set<() => void>();
  let closed = false;

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      if (closed) return resolve();
      const t = setTimeout(() => {
        timers.delete(t);
        wakers.delete(resolve);
        resolve();
      }, ms);
      timers.add(t);
      wakers.add(resolve);
    });

  function pickFault(): DeliveryFault | undefined {
    for (const [fault, p] of Object.entries(options.faultRates ?? {})) {
      if (p && rng.chance(p)) return fault as DeliveryFault;
    }
    return undefined;
  }

  async function attempt(d: Delivery, n: number, fault: DeliveryFault | undefined): Promise<Attempt> {
    const at = now();
    const tSeconds = Math.floor(at / 1000) - (fault === "stale_timestamp" ? 600 : 0);
    const secret = fault === "wrong_signature" ? `${options.secret}-wrong` : options.secret;
    const signature = signWebhook(d.body, secret, tSeconds);
    if (fault === "drop_first") return { n, at, status: 0, error: "dropped", fault, signature };
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "x-terra-trace-id": d.traceId,
      "hook-type": "WEBHOOK",
    };
    for (const h of sigHeaders) headers[h] = signature;
    if (options.devId) headers["dev-id"] = options.devId;
    if (d.orderingTs !== null) headers["x-terra-ordering-timestamp"] = String(d.orderingTs);
    if (d.reference) headers["terra-reference"] = d.reference;
    const body = fault === "truncated_body" ? d.body.slice(0, Math.floor(d.body.length / 2)) : d.body;
    try {
      const res = await doFetch(options.url, {
        method: "POST",
        headers,
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 8_000),
      });
      await res.arrayBuffer().catch(() => undefined);
      return { n, at, status: res.status, fault, signature };
    } catch (err) {
      return { n, at, status: 0, error: err instanceof Error ? err.message : String(err), fault, signature };
    }
  }

  async function run(
    d: Delivery,
    fault: DeliveryFault | undefined,
    firstDone: () => void,
  ): Promise<Delivery> {
    for (let n = 1; n <= maxAttempts; n++) {
      const a = await attempt(d, n, n === 1 ? fault : undefined);
      d.attempts.push(a);
      if (n === 1) firstDone();
      if (a.status >= 200 && a.status < 300) {
        d.state = "delivered";
        return d;
      }
      // Terra never retries a 413: the payload will not get smaller (NOTES §2.7, DESIGN).
      if (n === maxAttempts || closed || a.status === 413) break;
      await (options.sleep ?? wait)(retryDelayMs(n, base, cap) * scale);
      if (closed) break;
    }
    d.state = "failed";
    return d;
  }

  function enqueue(
    type: string,
    body: string,
    traceId: string,
    reference: string | null,
    orderingTs: number | null,
    fault: DeliveryFault | undefined,
  ): Delivery {
    let firstDone: () => void = () => {};
    const sent = new Promise<void>((resolve) => {
      firstDone = resolve;
    });
    const d = {
      id: deliveries.length + 1,
      type,
      traceId,
      reference,
      orderingTs,
      body,
      attempts: [],
      state: "pending",
      sent,
    } as unknown as Delivery;
    deliveries.push(d);
    d.done = run(d, fault === "duplicate" ? undefined : fault, firstDone).finally(firstDone);
    // The copy: same bytes, same trace id and ordering ts, as Terra's at-least-once delivery.
    if (fault === "duplicate") enqueue(type, body, traceId, reference, orderingTs, undefined);
    return d;
  }

  const sender: WebhookSender = {
    send(event, opts = {}) {
      const body = JSON.stringify(event);
      const type = typeof event === "object" && event && "type" in event ? String(event.type) : "unknown";
      const orderingTs = opts.orderingTs === undefined ? now() : opts.orderingTs;
      return enqueue(
        type,
        body,
        opts.traceId ?? rng.uuid(),
        opts.reference ?? null,
        orderingTs,
        opts.fault ?? pickFault(),
      );
    },
    resend(prev) {
      return enqueue(prev.type, prev.body, prev.traceId, prev.reference, prev.orderingTs, undefined);
    },
    sendReordered(events) {
      const order = events.map((_, i) => i);
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(rng.next() * (i + 1));
        [order[i], order[j]] = [order[j] as number, order[i] as number];
      }
      const out: Delivery[] = new Array(events.length);
      for (const i of order) {
        const e = events[i]!;
        out[i] = sender.send(e.event, e.opts);
      }
      return out;
    },
    get deliveries() {
      return deliveries;
    },
    async flush() {
      for (let i = 0; i < deliveries.length; i++) await deliveries[i]!.done;
    },
    close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const w of wakers) w();
      wakers.clear();
    },
  };
  return sender;
}
