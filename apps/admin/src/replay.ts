import { type IngestConfig, loadIngestConfig, processEvent } from "@wearables/ingest";
import { getEvent, transaction } from "@wearables/storage";
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
 */
export async function replayEvent(
  deps: AppDeps,
  id: number,
  opts: { strict?: boolean } = {},
): Promise<ReplayResult> {
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
  const after = await getEvent(deps.db, id);
  return { id, status: after?.status ?? "not_found", error: after?.error ?? null };
}

let fallback: IngestConfig | undefined;
function defaultConfig(): IngestConfig {
  fallback ??= loadIngestConfig();
  return fallback;
}
