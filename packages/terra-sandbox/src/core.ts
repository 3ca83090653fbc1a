import { recordsForRange, type SandboxDataType, type TerraDoc } from "./generator/index.ts";
import { createRng, type Rng } from "./prng.ts";
import type { Delivery, SendOptions, WebhookSender } from "./sender.ts";
import type { SandboxState } from "./state.ts";
import { utcTimestamp } from "./time.ts";
import type { SandboxUser } from "./users.ts";

/** REST faults for storm tests, drawn from the sandbox's seeded PRNG. */
export interface RestFaults {
  /** Probability that a data request answers 500/502/503. */
  rest5xxRate?: number;
  /** Probability that a data request answers 429 r2 (Retry-After 1) regardless of budget. */
  rest429Rate?: number;
}

/** What the routes share: configuration, clock, state, and where events go. */
export interface SandboxCore {
  devId: string;
  apiKey: string;
  seed: string;
  now(): number;
  state: SandboxState;
  sender: WebhookSender | null;
  rng: Rng;
  faults: RestFaults;
  /** Whether pushed data events carry samples (Terra's per-destination "Including Samples"). */
  pushSamples: boolean;
  /** Documents for a user's local dates `start`..`end`, as of now. */
  records(
    user: SandboxUser,
    type: SandboxDataType,
    start: string,
    end: string,
    withSamples: boolean,
  ): TerraDoc[];
  /** Post an event to the webhook if one is configured (null otherwise). */
  emit(event: unknown, opts?: SendOptions): Delivery | null;
  /** "ping": every event is stored and an `s3_payload` with a pre-signed-style URL is sent instead. */
  deliveryMode: "push" | "ping";
  /** Base of the `s3_payload` URLs (set by `listen()`); payloads are served at `<base>/_s3/<id>`. */
  payloadBaseUrl: string;
  /** Stored ping-mode payloads by id. */
  payloads: Map<string, { body: string; createdAt: number }>;
  /** Background work started by requests (to_webhook dispatches), awaited by `flush()`. */
  track(work: Promise<unknown>): void;
  pending: Set<Promise<unknown>>;
}

export function createCore(args: {
  devId: string;
  apiKey: string;
  seed: string;
  now: () => number;
  state: SandboxState;
  sender: WebhookSender | null;
  faults?: RestFaults;
  pushSamples?: boolean;
  deliveryMode?: "push" | "ping";
}): SandboxCore {
  const pending = new Set<Promise<unknown>>();
  const payloads = new Map<string, { body: string; createdAt: number }>();
  const core: SandboxCore = {
    ...args,
    deliveryMode: args.deliveryMode ?? "push",
    payloadBaseUrl: "http://sandbox.test",
    payloads,
    rng: createRng(args.seed, "rest"),
    faults: args.faults ?? {},
    pushSamples: args.pushSamples ?? false,
    records: (user, type, start, end, withSamples) =>
      recordsForRange(user.person, type, start, end, { withSamples, asOfMs: args.now() }),
    emit(event, opts) {
      if (!args.sender) return null;
      const d = args.sender.send(core.deliveryMode === "ping" ? toPing(event) : event, opts);
      const u = (event as { user?: { user_id?: string } }).user;
      const known = u?.user_id ? args.state.getUser(u.user_id) : undefined;
      if (known) known.last_webhook_update = utcTimestamp(args.now());
      return d;
    },
    track(work) {
      const p = work.catch(() => undefined).finally(() => pending.delete(p));
      pending.add(p);
    },
    pending,
  };

  function toPing(event: unknown): Record<string, unknown> {
    const id = core.rng.uuid();
    payloads.set(id, { body: JSON.stringify(event), createdAt: args.now() });
    return {
      type: "s3_payload",
      status: "success",
      url: `${core.payloadBaseUrl}/_s3/${id}.json`,
      expires_in: PING_EXPIRES_SECONDS,
    };
  }

  return core;
}

/** SPEC26's example: the pre-signed URL is valid for 300 s. */
export const PING_EXPIRES_SECONDS = 300;
