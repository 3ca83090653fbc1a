/**
 * @wearables/ingest: what one Terra delivery does to the database. Shared by the webhook
 * (inline, inside its group commit), the backfill worker's replay and the admin API's replay.
 *
 *   const config = loadIngestConfig({ dataTypes: "body,sleep", fieldSelection: "./fields.json" });
 *   await transaction(db, (tx) => processEvent(tx, { eventId, rawBody, receivedAt, source: "replay" }, config));
 *
 * The webhook splits the same work in two: `prepareEvent` (no database: JSON, schema, s3
 * download) before the transaction and `applyEvent` inside it.
 */
import type { Executor } from "@wearables/storage";
import { applyEvent, type EventInput, type ProcessResult } from "./apply.ts";
import type { IngestConfig } from "./config.ts";
import { prepareEvent } from "./prepare.ts";

export {
  type ApplyContext,
  applyEvent,
  type EventInput,
  type EventOutcome,
  expectedOutcome,
  flushApplyContext,
  newApplyContext,
  type ProcessResult,
} from "./apply.ts";
export { type IngestConfig, type IngestConfigInput, loadIngestConfig } from "./config.ts";
export { type PreparedEvent, parseBody, prepareEvent } from "./prepare.ts";
export { type DownloadOptions, downloadS3Payload, type FetchLike, S3DownloadError } from "./s3.ts";
export {
  type CompiledSelection,
  compileSelection,
  type FieldSelection,
  FieldSelectionSchema,
  selectFields,
} from "./select.ts";

/**
 * Applies one stored inbox event (its raw body as received): parse, follow s3_payload, filter by
 * DATA_TYPES, select fields, upsert records and the connection, apply lifecycle events, record
 * large-request markers and chunks, and set the event's status (processed / failed / ignored /
 * pending). Run it inside a transaction: database errors are thrown, not recorded.
 */
export async function processEvent(
  ex: Executor,
  input: EventInput & { rawBody: Uint8Array | string },
  config: IngestConfig,
): Promise<ProcessResult> {
  const prepared = await prepareEvent(input.rawBody, config);
  return applyEvent(ex, input, prepared, config);
}
