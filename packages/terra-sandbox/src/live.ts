import type { SandboxCore } from "./core.ts";
import { authSuccessEvent, dataEvent } from "./events.ts";
import { recordsForDay, type SandboxDataType, type TerraDoc } from "./generator/index.ts";
import { addDays, localDate } from "./time.ts";
import type { SandboxUser } from "./users.ts";

export interface LiveMode {
  /** Post every user's `auth`, then push one new piece of data every `everyMs`. */
  start(everyMs: number, opts?: { announce?: boolean }): void;
  stop(): void;
  /** One step of the stream (what each timer tick does); returns the event type pushed, or null. */
  tick(): string | null;
  readonly running: boolean;
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
  const lastSent = new Map<string, string>();

  function latest(user: SandboxUser, kind: SandboxDataType): TerraDoc[] {
    const opts = { withSamples: core.pushSamples, asOfMs: core.now() };
    const today = localDate(core.now(), user.person.timeZone);
    for (let back = 0; back < 3; back++) {
      const docs = recordsForDay(user.person, kind, addDays(today, -back), opts);
      if (docs.length > 0) return docs;
    }
    return [];
  }

  function tick(): string | null {
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
  };
}
