import { type IngestConfig, loadIngestConfig, processEvent } from "@wearables/ingest";
import { isTransientDatabaseError, type Logger, safeErrorText } from "@wearables/service-kit";
import { getEvent, getEventSummary, setEventStatus, transaction } from "@wearables/storage";
import type { AppDeps } from "./deps.ts";
import { AppError, notFound } from "./errors.ts";

export interface ReplayResult {
  id: number;
  status: string;
  error: string | null;
}

/**
 * Runs one stored delivery through the same code as the webhook, from its raw bytes. In a batch
 * (`strict: false`) a missing or purged event is reported in the results instead of failing the rest.
 * An event the database refuses (a value PostgreSQL cannot store) is an outcome, not a crash: it
 * is marked failed with the reduced error and reported, in a batch and alone.
 */
export async function replayEvent(
  deps: AppDeps,
  id: number,
  opts: { strict?: boolean; log?: Logger } = {},
): Promise<ReplayResult> {
  const log = opts.log ?? deps.logger;
  const event = await getEvent(deps.db, id);
  if (!event) {
    if (opts.strict) throw notFound(`event ${id}`);
    return { id, status: "not_found", error: "no such event" };
  }
  if (event.rawBody === null) {
    const message = "its raw body was purged by retention; it cannot be replayed";
    if (opts.strict) throw new AppError("conflict", `event ${id}: ${message}`);
    return { id, status: event.status, error: message };
  }
  const rawBody = event.rawBody;
  try {
    await transaction(deps.db, (tx) =>
      processEvent(
        tx,
        {
          eventId: id,
          deliveryKey: event.deliveryKey,
          rawBody,
          orderingTs: event.orderingTs,
          receivedAt: event.receivedAt,
          reference: event.reference,
          source: "replay",
        },
        deps.ingest ?? defaultConfig(),
      ),
    );
  } catch (err) {
    // The database itself failed (connection, deadlock): nothing is known about the event. Alone,
    // that is the server's error; in a batch, this event is reported as not replayed.
    if (isTransientDatabaseError(err)) {
      if (opts.strict) throw err;
      log.warn({ err, eventId: id }, "replay not run: the database failed");
      return { id, status: event.status, error: `not replayed: ${safeErrorText(err)}` };
    }
    const error = safeErrorText(err);
    log.warn({ err, eventId: id }, "replayed event failed in the database");
    await setEventStatus(deps.db, { id, status: "failed", error });
    return { id, status: "failed", error };
  }
  // The status only: reading the row back with its body would send the whole delivery again.
  const after = await getEventSummary(deps.db, id);
  return { id, status: after?.status ?? "not_found", error: after?.error ?? null };
}

let fallback: IngestConfig | undefined;
function defaultConfig(): IngestConfig {
  fallback ??= loadIngestConfig();
  return fallback;
}
