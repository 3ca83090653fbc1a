/**
 * @wearables/ingest: what one Terra delivery does to the database. Shared by the webhook's
 * processor (behind the inbox), the backfill worker's replay and the admin API's replay.
 *
 *   const config = loadIngestConfig({ dataTypes: "body,sleep", fieldSelection: "./fields.json" });
 *   await transaction(db, (tx) => processEvent(tx, { eventId, rawBody, receivedAt, source: "replay" }, config));
 *
 * The processor splits the same work in three: `prepareBody` (CPU only: UTF-8, JSON, schema,
 * rows to upsert; in worker threads through `createPreparePool`), `resolveS3` (the s3_payload
 * download) and `applyEvent` inside its transaction.
 */
import { type Executor, lockEventForProcessing } from "@wearables/storage";
import { applyEvent, type EventInput, type ProcessResult } from "./apply.ts";
import type { IngestConfig } from "./config.ts";
import { prepareEvent } from "./prepare.ts";

export {
  type ApplyContext,
  applyEvent,
  describeFailures,
  type EventInput,
  type EventOutcome,
  flushApplyContext,
  newApplyContext,
  type ProcessResult,
  preloadRedirects,
} from "./apply.ts";
export { findUnstorable, jsonErrorMessage, utf8Problem } from "./checks.ts";
export { type IngestConfig, type IngestConfigInput, loadIngestConfig } from "./config.ts";
export { createPreparePool, PoolError, type PreparePool } from "./pool.ts";
export {
  type IngestWarning,
  type PrepareConfig,
  type PreparedBody,
  type PreparedEvent,
  prepareBody,
  prepareEvent,
  type RecordFailure,
  resolveS3,
  type UserRef,
} from "./prepare.ts";
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
 * large-request markers and chunks, and set the event's status (processed / partial / failed /
 * ignored / pending). Run it inside a transaction: database errors are thrown, not recorded. The
 * row is locked first, so a processor applying the same row at the same moment waits and then
 * finds it done.
 */
export async function processEvent(
  ex: Executor,
  input: EventInput & { rawBody: Uint8Array | string },
  config: IngestConfig,
): Promise<ProcessResult> {
  await lockEventForProcessing(ex, input.eventId);
  const prepared = await prepareEvent(input.rawBody, config);
  return applyEvent(ex, input, prepared, config);
}
