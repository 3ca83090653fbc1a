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
 * For tests: time that starts at `startMs` (default: the real now) and runs at the real rate, plus
 * an offset that every sleep advances by the full amount asked while really sleeping at most
 * `maxRealMs`. Retry-After and backoff are honoured in the clock's terms (a window put back for
 * 30 s is not due before the clock says so) at no cost in wall time. Tests pin `startMs` so that
 * what they expect never depends on the day they run (a month's first day splits the re-fetch
 * range in two).
 */
export function virtualClock(
  opts: { startMs?: number; maxRealMs?: number } = {},
): Clock & { advance(ms: number): void } {
  const maxRealMs = opts.maxRealMs ?? 2;
  const realStart = Date.now();
  let offset = (opts.startMs ?? realStart) - realStart;
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
