import { type Db, purgeDeliveryKeys, purgeRawBodies } from "@wearables/storage";
import type { Logger } from "pino";

const DAY_MS = 24 * 3600 * 1000;

export interface RetentionOptions {
  db: Db;
  logger: Logger;
  rawRetentionDays: number;
  /** Delivery keys (whole inbox rows) are kept at least 7 days, whatever is configured. */
  dedupRetentionDays: number;
  clock?: () => number;
}

/** One retention pass: raw bodies first, then inbox rows (and their delivery keys). */
export async function runRetention(
  o: RetentionOptions,
): Promise<{ rawBodies: number; deliveryKeys: number }> {
  const now = (o.clock ?? Date.now)();
  const rawBodies = await purgeRawBodies(o.db, new Date(now - o.rawRetentionDays * DAY_MS));
  const keyDays = Math.max(o.dedupRetentionDays, 7, o.rawRetentionDays);
  const deliveryKeys = await purgeDeliveryKeys(o.db, new Date(now - keyDays * DAY_MS), new Date(now));
  return { rawBodies, deliveryKeys };
}

/** Runs retention now and then every intervalMs; returns a stop function that awaits a running pass. */
export function startRetention(o: RetentionOptions & { intervalMs: number }): () => Promise<void> {
  const log = o.logger.child({ module: "retention" });
  let running: Promise<void> | null = null;
  const pass = () => {
    if (running) return;
    running = runRetention(o)
      .then((r) => log.info(r, "retention pass"))
      .catch((err) => log.error({ err }, "retention pass failed"))
      .finally(() => {
        running = null;
      });
  };
  pass();
  const timer = setInterval(pass, o.intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
