// The faulty stream of phase 2: every user × type × past day as two copies (an older, partial one
// and the newer, complete one, with ordering timestamps saying so), for the in-process sender.
import { setTimeout as sleep } from "node:timers/promises";
import {
  createRng,
  type Delivery,
  dataEvent,
  type Sandbox,
  type SandboxDataType,
  type SendOptions,
  type TerraDoc,
  type WebhookSender,
} from "@wearables/terra-sandbox";

export interface StreamItem {
  event: unknown;
  opts: SendOptions;
  /** The older copy of a (user, type, day), superseded by its newer one. */
  older: boolean;
  /** Both copies of one (user, type, day) share it. */
  pair: number;
  /** Whether the older copy's documents differ from the newer's (a stale copy that could do harm). */
  differs: boolean;
}

export function buildStream(
  sandbox: Sandbox,
  types: readonly SandboxDataType[],
  days: readonly string[],
  baseOrderingTs: number,
): StreamItem[] {
  const out: StreamItem[] = [];
  let n = 0;
  for (const user of sandbox.users) {
    for (const type of types) {
      for (const day of days) {
        const newer = sandbox.expectedRecords(user.user_id, type, day, day);
        if (newer.length === 0) continue;
        // As of the early afternoon UTC of that day: for most zones part of the day is missing.
        const partial: TerraDoc[] = sandbox.generator.records(user.user_id, type, day, day, {
          asOfMs: Date.parse(`${day}T13:00:00Z`),
        });
        const pair = n++;
        const ts = baseOrderingTs + 10 * pair;
        const differs = JSON.stringify(partial) !== JSON.stringify(newer);
        if (partial.length > 0)
          out.push({
            event: dataEvent(type, user, partial),
            opts: { orderingTs: ts },
            older: true,
            pair,
            differs,
          });
        out.push({
          event: dataEvent(type, user, newer),
          opts: { orderingTs: ts + 5 },
          older: false,
          pair,
          differs,
        });
      }
    }
  }
  return out;
}

/** Pairs whose stale copy was acknowledged after the newer one: what "older never overwrites" is about. */
export function staleAfterNewer(
  stream: readonly StreamItem[],
  deliveries: readonly (Delivery | undefined)[],
): number {
  const ackAt = (d: Delivery | undefined) => d?.attempts.at(-1)?.at ?? Number.NaN;
  const newer = new Map<number, Delivery | undefined>();
  stream.forEach((s, i) => {
    if (!s.older) newer.set(s.pair, deliveries[i]);
  });
  return stream.filter((s, i) => s.older && s.differs && ackAt(deliveries[i]) > ackAt(newer.get(s.pair)))
    .length;
}

export interface PacedSend {
  /** The delivery of each stream item, in stream order (filled as they are sent). */
  deliveries: (Delivery | undefined)[];
  /** Resolves once every item has been handed to the sender. */
  sent: Promise<void>;
}

/**
 * Hands the items to the sender in a seeded shuffled order, one every `gapMs`, so that the stream
 * is still flowing when the database goes away (reordering without a burst that ends first).
 */
export function sendPaced(
  sender: WebhookSender,
  items: readonly StreamItem[],
  gapMs: number,
  seed: string,
): PacedSend {
  const rng = createRng(seed, "e2e-order");
  const order = items.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  const deliveries: (Delivery | undefined)[] = new Array(items.length);
  const sent = (async () => {
    for (const i of order) {
      const item = items[i] as StreamItem;
      deliveries[i] = sender.send(item.event, item.opts);
      await sleep(gapMs);
    }
  })();
  return { deliveries, sent };
}
