import { type IngestConfig, processEvent } from "@wearables/ingest";
import { isTransientDatabaseError, safeError, safeErrorText } from "@wearables/service-kit";
import { getEvent, listEvents, setEventStatus, transaction } from "@wearables/storage";
import type { WorkerDeps } from "./deps.ts";

export interface ReplayOptions {
  status: "failed" | "pending";
  type?: string;
  /** Upper bound on events replayed in one run. */
  limit?: number;
}

export interface ReplayResult {
  selected: number;
  byStatus: Record<string, number>;
  /** Raw body already purged by retention: nothing to replay. */
  purged: number;
  errors: number;
}

/**
 * Runs stored inbox events through the same processing as the webhook (after a fix, or for
 * `s3_payload` downloads left pending). Oldest first, one transaction per event, so one bad event
 * never blocks the others.
 */
export async function replayEvents(
  deps: WorkerDeps,
  config: IngestConfig,
  opts: ReplayOptions,
): Promise<ReplayResult> {
  const log = deps.logger.child({ module: "replay" });
  const limit = opts.limit ?? 100_000;
  const ids: number[] = [];
  let cursor: number | null = null;
  while (ids.length < limit) {
    const page = await listEvents(deps.db, { status: opts.status, type: opts.type, cursor, limit: 500 });
    ids.push(...page.items.map((e) => e.id));
    cursor = page.nextCursor;
    if (cursor === null) break;
  }
  ids.sort((a, b) => a - b);
  const out: ReplayResult = { selected: Math.min(ids.length, limit), byStatus: {}, purged: 0, errors: 0 };
  for (const id of ids.slice(0, limit)) {
    const event = await getEvent(deps.db, id);
    if (!event) continue;
    if (!event.rawBody) {
      out.purged++;
      continue;
    }
    try {
      const r = await transaction(deps.db, (tx) =>
        processEvent(
          tx,
          {
            eventId: event.id,
            deliveryKey: event.deliveryKey,
            rawBody: event.rawBody!,
            orderingTs: event.orderingTs,
            receivedAt: event.receivedAt,
            reference: event.reference,
            source: "replay",
          },
          config,
        ),
      );
      out.byStatus[r.status] = (out.byStatus[r.status] ?? 0) + 1;
    } catch (err) {
      out.errors++;
      log.error({ eventId: id, err: safeError(err) }, "replay of an event failed");
      // An event the database refuses fails alone, with the reduced reason (as in the admin API).
      // When the database itself failed nothing is known about the event: it keeps its status.
      if (!isTransientDatabaseError(err)) {
        await setEventStatus(deps.db, { id, status: "failed", error: safeErrorText(err) });
        out.byStatus.failed = (out.byStatus.failed ?? 0) + 1;
      }
    }
  }
  log.info({ ...out }, "replay finished");
  return out;
}
