import { setTimeout as sleep } from "node:timers/promises";

/**
 * Polls `probe` until it returns something other than undefined, or throws after `timeoutMs`
 * naming what was awaited and the last value or error seen (an e2e failure must say why).
 */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
  { timeoutMs = 30_000, everyMs = 200 }: { timeoutMs?: number; everyMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown = "nothing yet";
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v !== undefined) return v;
      last = "not yet";
    } catch (err) {
      last = err instanceof Error ? err.message : String(err);
    }
    await sleep(everyMs);
  }
  throw new Error(
    `timed out after ${timeoutMs} ms waiting for ${what} (last: ${String(last).slice(0, 300)})`,
  );
}

/** A promise with a deadline: rejects with a message naming what did not finish in time. */
export async function within<T>(what: string, ms: number, p: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Marks the phases of a slow test on stderr (how long each boot and wait took), to keep it lean. */
export function timeline(label: string): (step: string) => void {
  const t0 = Date.now();
  return (step) =>
    process.stderr.write(`[e2e ${label}] +${((Date.now() - t0) / 1000).toFixed(1)}s ${step}\n`);
}
