import type { SandboxCore } from "./core.ts";
import { authSuccessEvent, dataEvent } from "./events.ts";
import { recordsForDay, type SandboxDataType, type TerraDoc } from "./generator/index.ts";
import { addDays, localDate } from "./time.ts";
import type { SandboxUser } from "./users.ts";

export interface LiveOptions {
  /** Post every user's `auth` first (default true). */
  announce?: boolean;
  /**
   * Replay this much recent history first (default 0): the stream's clock starts this far in
   * the past and moves `stepMs` per tick until it reaches now, then follows the real clock.
   * A demo with `catchUpMs: 2 days, stepMs: 30 min` shows weigh-ins, nights and growing Dailies
   * in minutes instead of a day.
   */
  catchUpMs?: number;
  stepMs?: number;
}

export interface LiveMode {
  /** Post every user's `auth`, then push one new piece of data every `everyMs`. */
  start(everyMs: number, opts?: LiveOptions): void;
  stop(): void;
  /** One step of the stream (what each timer tick does); returns the event type pushed, or null. */
  tick(): string | null;
  readonly running: boolean;
  /** The instant the stream has reached (documents are generated as of it). */
  readonly streamNow: number;
}

const KINDS: readonly SandboxDataType[] = ["daily", "body", "sleep", "activity"];

/**
 * Terra pushes Withings data as Withings notifies it. Here each tick picks the next user and
 * the next kind, and pushes that user's latest document of that kind as of now: today's Daily
 * (a superset of the last one, with a newer ordering timestamp), the latest weigh-in or blood
 * pressure day, last night's sleep, the latest workout. A document identical to the last one
 * pushed for that user and kind is skipped: Terra sends changes, not heartbeats.
 */
export function createLive(core: SandboxCore): LiveMode {
  let timer: ReturnType<typeof setInterval> | null = null;
  let step = 0;
  let lag = 0;
  let stepMs = 0;
  const lastSent = new Map<string, string>();
  const streamNow = () => core.now() - lag;

  function latest(user: SandboxUser, kind: SandboxDataType): TerraDoc[] {
    const asOfMs = streamNow();
    const opts = { withSamples: core.pushSamples, asOfMs };
    const today = localDate(asOfMs, user.person.timeZone);
    for (let back = 0; back < 3; back++) {
      const docs = recordsForDay(user.person, kind, addDays(today, -back), opts);
      if (docs.length > 0) return docs;
    }
    return [];
  }

  function tick(): string | null {
    try {
      return pushNext();
    } finally {
      lag = Math.max(0, lag - stepMs);
    }
  }

  function pushNext(): string | null {
    const users = [...core.state.users.values()];
    if (users.length === 0) return null;
    for (let tries = 0; tries < KINDS.length * users.length; tries++) {
      const user = users[step % users.length]!;
      const kind = KINDS[Math.floor(step / users.length) % KINDS.length]!;
      step++;
      const docs = latest(user, kind);
      if (docs.length === 0) continue;
      const key = `${user.user_id}:${kind}`;
      const json = JSON.stringify(docs);
      if (lastSent.get(key) === json) continue;
      lastSent.set(key, json);
      core.emit(dataEvent(kind, user, docs));
      return kind;
    }
    return null;
  }

  return {
    start(everyMs, opts = {}) {
      if (timer) return;
      lag = opts.catchUpMs ?? 0;
      stepMs = opts.stepMs ?? 0;
      if (opts.announce ?? true) for (const u of core.state.users.values()) core.emit(authSuccessEvent(u));
      timer = setInterval(tick, everyMs);
      timer.unref?.();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    tick,
    get running() {
      return timer !== null;
    },
    get streamNow() {
      return streamNow();
    },
  };
}
