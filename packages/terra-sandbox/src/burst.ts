import { signWebhook } from "@wearables/terra-client";
import { dataEvent } from "./events.ts";
import { recordsForDay, type SandboxDataType } from "./generator/index.ts";
import { createRng } from "./prng.ts";
import { addDays, localDate } from "./time.ts";
import { makePerson, makeUser } from "./users.ts";

export interface BurstOptions {
  url: string;
  secret: string;
  count: number;
  concurrency: number;
  seed?: string | number;
  users?: number;
  now?: () => number;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface BurstResult {
  sent: number;
  ok: number;
  non2xx: number;
  errors: number;
  statuses: Record<string, number>;
  elapsedMs: number;
  perSecond: number;
}

const KINDS: readonly SandboxDataType[] = ["daily", "body", "sleep", "activity"];
const POOL = 5000;

/**
 * One-shot load: `count` signed data deliveries (user × day × type, walking back in time; distinct
 * up to 5,000, then repeated), `concurrency` in flight, no retries. Each has its own trace id and
 * ordering timestamp, and is signed when sent.
 */
export async function burst(opts: BurstOptions): Promise<BurstResult> {
  const seed = String(opts.seed ?? "burst");
  const now = opts.now ?? Date.now;
  const doFetch = opts.fetch ?? fetch;
  const users = Array.from({ length: Math.max(1, opts.users ?? 10) }, (_, i) =>
    makeUser(seed, makePerson(seed, i)),
  );
  const rng = createRng(seed, "burst");
  const statuses: Record<string, number> = {};
  let next = 0;
  let ok = 0;
  let non2xx = 0;
  let errors = 0;

  function payload(i: number): { body: string } {
    const user = users[i % users.length]!;
    const slot = Math.floor(i / users.length);
    const type = KINDS[slot % KINDS.length]!;
    const day = addDays(localDate(now(), user.person.timeZone), -1 - Math.floor(slot / KINDS.length));
    const docs = recordsForDay(user.person, type, day, { withSamples: false, asOfMs: now() });
    return { body: JSON.stringify(dataEvent(type, user, docs)) };
  }

  // Bodies are generated before the clock starts, so the figure measures the receiver. Past
  // POOL distinct documents they repeat (fresh trace ids: re-deliveries of the same day).
  const pool = Array.from({ length: Math.min(opts.count, POOL) }, (_, i) => payload(i).body);
  const started = performance.now();

  async function worker(): Promise<void> {
    while (next < opts.count) {
      const i = next++;
      const body = pool[i % pool.length]!;
      const headers = {
        "content-type": "application/json",
        "terra-signature": signWebhook(body, opts.secret, Math.floor(now() / 1000)),
        "x-terra-trace-id": rng.uuid(),
        "x-terra-ordering-timestamp": String(now()),
      };
      try {
        const res = await doFetch(opts.url, {
          method: "POST",
          headers: { ...headers, "x-terra-signature": headers["terra-signature"] },
          body,
          signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
        });
        await res.arrayBuffer().catch(() => undefined);
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.ok) ok++;
        else non2xx++;
      } catch {
        errors++;
      }
    }
  }

  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency) }, worker));
  const elapsedMs = performance.now() - started;
  return {
    sent: opts.count,
    ok,
    non2xx,
    errors,
    statuses,
    elapsedMs: Math.round(elapsedMs),
    perSecond: Math.round((opts.count / Math.max(1, elapsedMs)) * 1000),
  };
}
