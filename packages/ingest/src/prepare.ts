import { parseWebhookEvent, type WebhookEvent } from "@wearables/schemas";
import type { IngestConfig } from "./config.ts";
import { downloadS3Payload } from "./s3.ts";

/**
 * The part of processing that needs no database: JSON, validation, and the s3_payload download.
 * The webhook runs it before a delivery joins a group commit, so transactions stay short and a
 * slow download never holds other deliveries.
 */
export type PreparedEvent =
  | {
      kind: "event";
      /** Terra's `type` as sent (what the inbox stores). */
      type: string;
      userId: string | null;
      event: WebhookEvent;
    }
  | {
      /** Signed but unusable: not JSON, or not valid against the schema. Stored as failed, replayable. */
      kind: "invalid";
      type: string;
      userId: string | null;
      error: string;
    }
  | {
      /** s3_payload whose content was downloaded: `inner` is prepared from `innerBody`. */
      kind: "s3";
      type: "s3_payload";
      userId: string | null;
      innerBody: Uint8Array;
      inner: Exclude<PreparedEvent, { kind: "s3" } | { kind: "s3_pending" }>;
    }
  | {
      /** s3_payload whose download failed: stays pending for the worker's replay. */
      kind: "s3_pending";
      type: "s3_payload";
      userId: null;
      error: string;
    };

const MAX_ERROR_CHARS = 4000;

function decode(body: Uint8Array | string): string {
  return typeof body === "string"
    ? body
    : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8");
}

function peek(json: unknown): { type: string; userId: string | null } {
  const o = (json && typeof json === "object" ? json : {}) as Record<string, unknown>;
  const type = typeof o.type === "string" && o.type !== "" ? o.type : "invalid";
  const user = (o.user ?? o.new_user) as { user_id?: unknown } | null | undefined;
  const userId = user && typeof user.user_id === "string" ? user.user_id : null;
  return { type, userId };
}

/** Parses and validates one body, without following s3_payload. Never throws. */
export function parseBody(
  body: Uint8Array | string,
): Exclude<PreparedEvent, { kind: "s3" } | { kind: "s3_pending" }> {
  let json: unknown;
  try {
    json = JSON.parse(decode(body));
  } catch (err) {
    return {
      kind: "invalid",
      type: "invalid",
      userId: null,
      error: `invalid JSON: ${(err as Error).message}`,
    };
  }
  const { type, userId } = peek(json);
  const parsed = parseWebhookEvent(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    const error = `schema: ${issues.join("; ")}`.slice(0, MAX_ERROR_CHARS);
    return { kind: "invalid", type, userId, error };
  }
  return { kind: "event", type, userId, event: parsed.data };
}

/** Parses one delivery and, for s3_payload, downloads and parses its content. Never throws. */
export async function prepareEvent(body: Uint8Array | string, config: IngestConfig): Promise<PreparedEvent> {
  const outer = parseBody(body);
  if (outer.kind !== "event" || outer.event.type !== "s3_payload") return outer;
  try {
    const innerBody = await downloadS3Payload(outer.event.url, config.download);
    const inner = parseBody(innerBody);
    return { kind: "s3", type: "s3_payload", userId: inner.userId, innerBody, inner };
  } catch (err) {
    return { kind: "s3_pending", type: "s3_payload", userId: null, error: (err as Error).message };
  }
}
