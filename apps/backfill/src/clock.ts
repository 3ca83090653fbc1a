/** Time as a dependency, so tests scale waits (Retry-After, backoff, leases) instead of sleeping. */
export interface Clock {
  now(): Date;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** A real clock whose sleeps are divided by `factor` (tests: Retry-After 30 s → 30 ms at 1000). */
export function scaledClock(factor: number): Clock {
  return { now: () => new Date(), sleep: (ms) => systemClock.sleep(ms / factor) };
}
