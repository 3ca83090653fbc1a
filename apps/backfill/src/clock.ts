/**
 * Time as a dependency (the same shape as terra-client's), so tests scale waits (Retry-After,
 * backoff, leases) instead of sleeping through them.
 */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/**
 * For tests: real time plus an offset that every sleep advances by the full amount asked while
 * really sleeping at most `maxRealMs`. Retry-After and backoff are honoured in the clock's terms
 * (a window put back for 30 s is not due before the clock says so) at no cost in wall time.
 */
export function virtualClock(maxRealMs = 2): Clock & { advance(ms: number): void } {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    async sleep(ms) {
      const real = Math.min(Math.max(ms, 0), maxRealMs);
      await systemClock.sleep(real);
      offset += Math.max(ms - real, 0);
    },
    advance(ms) {
      offset += ms;
    },
  };
}
