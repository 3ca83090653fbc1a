import {
  type DataType,
  isDataEvent,
  type LifecycleUser,
  parseWebhookEventDetailed,
  type WebhookEvent,
} from "@wearables/schemas";
import { type PreparedRecord, PreparedRecords } from "@wearables/storage";
import { findUnstorable, jsonErrorMessage, mayHoldUnstorable, utf8Problem } from "./checks.ts";
import type { IngestConfig } from "./config.ts";
import { downloadS3Payload } from "./s3.ts";
import { selectFields } from "./select.ts";

/**
 * The part of processing that needs no database and no network: UTF-8, JSON, validation, field
 * selection and the rows an upsert sends (JSON text included). It is the CPU-heavy part, so the
 * webhook's processor runs it in worker threads (parse-worker.ts): everything here is plain data
 * that survives a structured clone. Replay and the backfill's replay run it inline.
 */

/** Something accepted but not known (an enum code Terra added): the record is kept as sent. */
export interface IngestWarning {
  path: string;
  code: string;
  message: string;
}

/** One record of a data event that failed; its siblings are stored. Messages never quote values. */
export interface RecordFailure {
  index: number;
  issues: { path: string; message: string }[];
}

/** The user a delivery names, as much as a connection refresh needs. */
export interface UserRef {
  user_id: string;
  provider: string | null;
  reference_id: string | null;
  scopes: string | null;
}

export type PreparedBody =
  | {
      /** A data event (or athlete): its records ready for the upsert. */
      kind: "data";
      type: DataType;
      userId: string;
      user: UserRef;
      /** Null when the type is not stored (DATA_TYPES): the event is ignored. */
      records: { type: DataType; rows: readonly PreparedRecord[] } | null;
      /** Records in the event as sent (chunk accounting counts them). */
      documents: number;
      failedRecords: RecordFailure[];
      warnings: IngestWarning[];
    }
  | {
      /** Every other event (lifecycle, informational, unknown): small, applied from the parse. */
      kind: "event";
      type: string;
      userId: string | null;
      event: WebhookEvent;
      warnings: IngestWarning[];
    }
  | {
      /** Signed but unusable: not UTF-8, not JSON, not valid. Stored as failed, replayable. */
      kind: "invalid";
      type: string | null;
      userId: string | null;
      error: string;
    }
  | {
      /** s3_payload: the content must be downloaded (network: not here). */
      kind: "s3_link";
      type: "s3_payload";
      userId: null;
      url: string;
    };

export type PreparedEvent =
  | Exclude<PreparedBody, { kind: "s3_link" }>
  | {
      /** s3_payload whose content was downloaded: `inner` is prepared from `innerBody`. */
      kind: "s3";
      type: "s3_payload";
      userId: string | null;
      innerBody: Uint8Array;
      inner: Exclude<PreparedBody, { kind: "s3_link" }>;
    }
  | {
      /** s3_payload whose download failed: stays pending, replayable. */
      kind: "s3_pending";
      type: "s3_payload";
      userId: null;
      error: string;
    };

/** What prepareBody needs of the ingest settings (no functions: it is posted to worker threads). */
export type PrepareConfig = Pick<IngestConfig, "dataTypes" | "selections" | "measurements">;

const MAX_ERROR_CHARS = 4000;

function decode(body: Uint8Array | string): string {
  return typeof body === "string"
    ? body
    : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8");
}

function peek(json: unknown): { type: string | null; userId: string | null } {
  const o = (json && typeof json === "object" && !Array.isArray(json) ? json : {}) as Record<string, unknown>;
  const type = typeof o.type === "string" && o.type !== "" ? o.type.slice(0, 100) : null;
  const user = (o.user ?? o.new_user) as { user_id?: unknown } | null | undefined;
  const userId = user && typeof user.user_id === "string" ? user.user_id.slice(0, 200) : null;
  return { type, userId };
}

function userRef(u: LifecycleUser): UserRef {
  return {
    user_id: u.user_id,
    provider: u.provider ?? null,
    reference_id: u.reference_id ?? null,
    scopes: u.scopes ?? null,
  };
}

function storedType(t: string): t is DataType {
  return ["activity", "body", "daily", "sleep", "menstruation", "nutrition", "athlete"].includes(t);
}

function invalid(type: string | null, userId: string | null, error: string): PreparedBody {
  return { kind: "invalid", type, userId, error: error.slice(0, MAX_ERROR_CHARS) };
}

/** Parses, validates and prepares one body, without following s3_payload. Never throws. */
export function prepareBody(body: Uint8Array | string, config: PrepareConfig): PreparedBody {
  if (typeof body !== "string") {
    const bad = utf8Problem(body);
    if (bad) return invalid(null, null, bad);
  }
  const text = decode(body);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return invalid(null, null, `invalid JSON: ${jsonErrorMessage(err)}`);
  }
  const { type, userId } = peek(json);
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    return invalid(type, userId, "not a Terra event: the body is JSON but not an object");
  }
  // Record by record (ADR 0203): a record that fails validation fails alone; what is accepted but
  // not known comes back as warnings, the records kept as sent.
  const parsed = parseWebhookEventDetailed(json);
  if (!parsed.success) {
    const issues = parsed.issues.map((i) => `${i.path || "(root)"}: ${i.message}`);
    return invalid(type, userId, `schema: ${issues.join("; ")}`);
  }
  const failedRecords: RecordFailure[] = parsed.failedRecords.map((f) => ({
    index: f.index,
    issues: f.issues.map((i) => ({ path: i.path || "(record)", message: i.message })),
  }));
  const warnings: IngestWarning[] = parsed.warnings.map((w) => ({
    path: w.path,
    code: w.code,
    message: w.message,
  }));
  // Records as sent (the parsed event may be the body itself: it is never changed in place).
  const sent = Array.isArray((json as { data?: unknown }).data)
    ? (json as { data: unknown[] }).data.length
    : 0;
  /** Positions in `data` as sent of the records not failed so far, in order. */
  const notFailed = () => {
    const failed = new Set(failedRecords.map((f) => f.index));
    return Array.from({ length: sent }, (_, i) => i).filter((i) => !failed.has(i));
  };
  let event = parsed.data;
  // Strings PostgreSQL refuses: a record holding one fails alone, anywhere else the event fails.
  if (mayHoldUnstorable(text)) {
    const { data: _records, athlete: _athlete, ...envelope } = json as Record<string, unknown>;
    const found = findUnstorable(envelope);
    if (found) return invalid(type, userId, `${found.path}: holds ${found.what}, which cannot be stored`);
    if (storedType(event.type) && event.type !== "athlete") {
      const kept: unknown[] = [];
      const passing = notFailed();
      (event as { data: unknown[] }).data.forEach((record, k) => {
        const bad = findUnstorable(record);
        if (bad) {
          failedRecords.push({
            index: passing[k] ?? k,
            issues: [{ path: bad.path, message: `holds ${bad.what}` }],
          });
        } else kept.push(record);
      });
      event = { ...event, data: kept } as typeof event;
    } else {
      const found = findUnstorable(_athlete);
      if (found)
        return invalid(type, userId, `athlete.${found.path}: holds ${found.what}, which cannot be stored`);
    }
  }
  // Position in the event's `data` as sent of each record still in `data`.
  const originalIndex = notFailed();
  if (event.type === "s3_payload")
    return { kind: "s3_link", type: "s3_payload", userId: null, url: event.url };
  if (isDataEvent(event) || event.type === "athlete") {
    const dataType = event.type as DataType;
    const docs: unknown[] =
      event.type === "athlete"
        ? "athlete" in event
          ? [event.athlete]
          : []
        : (event as { data: unknown[] }).data;
    const user = (event as { user: LifecycleUser }).user;
    const selection = config.selections[dataType] ?? null;
    const stored = config.dataTypes.has(dataType);
    let records: { type: DataType; rows: PreparedRecord[] } | null = null;
    if (stored) {
      const rows: PreparedRecord[] = [];
      docs.forEach((doc, index) => {
        try {
          const [row] = PreparedRecords.of(
            dataType,
            [selection ? selectFields(doc, selection) : doc],
            config.measurements,
          ).rows;
          if (row) rows.push(row);
        } catch (err) {
          // JSON.stringify recurses: a record nested thousands deep fails alone.
          const message =
            err instanceof RangeError ? "nested too deeply to store" : "cannot be prepared for storage";
          failedRecords.push({
            index: originalIndex?.[index] ?? index,
            issues: [{ path: "(record)", message }],
          });
        }
      });
      records = { type: dataType, rows };
    }
    return {
      kind: "data",
      type: dataType,
      userId: user.user_id,
      user: userRef(user),
      records,
      documents: event.type === "athlete" ? 1 : sent,
      failedRecords: failedRecords.sort((a, b) => a.index - b.index),
      warnings,
    };
  }
  return { kind: "event", type: type ?? event.type, userId, event, warnings };
}

/** Follows an s3_payload link: downloads its content at once (the URL expires) and prepares it. */
export async function resolveS3(
  prepared: PreparedBody,
  config: IngestConfig,
  prepare: (body: Uint8Array) => Promise<PreparedBody> | PreparedBody = (b) => prepareBody(b, config),
): Promise<PreparedEvent> {
  if (prepared.kind !== "s3_link") return prepared;
  let innerBody: Uint8Array;
  try {
    innerBody = await downloadS3Payload(prepared.url, config.download);
  } catch (err) {
    return { kind: "s3_pending", type: "s3_payload", userId: null, error: (err as Error).message };
  }
  const inner = await prepare(innerBody);
  if (inner.kind === "s3_link") {
    return {
      kind: "s3",
      type: "s3_payload",
      userId: null,
      innerBody,
      inner: {
        kind: "invalid",
        type: "s3_payload",
        userId: null,
        error: "s3_payload content is itself an s3_payload",
      },
    };
  }
  return { kind: "s3", type: "s3_payload", userId: inner.userId, innerBody, inner };
}

/** Parses one delivery and, for s3_payload, downloads and parses its content. Never throws. */
export async function prepareEvent(body: Uint8Array | string, config: IngestConfig): Promise<PreparedEvent> {
  return resolveS3(prepareBody(body, config), config);
}
