// The one redaction policy of every service's logs. Applied to each line's object and to child
// bindings at any depth (pino's own `redact` paths cannot say "any key named token, anywhere").
import { safeError } from "./errors.ts";

export const REDACTED = "[redacted]";

/**
 * Secrets: keys ending in one of these once lower-cased without `-`/`_` (`authorization`,
 * `terra-signature`, `x-api-key`, `webhookSecret`, `ADMIN_TOKENS`, `password`, `cookie`). A name
 * that only starts with one (`tokenName`, `tokenCount`) is kept: it describes, it is not the secret.
 */
const SECRET_SUFFIXES = [
  "secret",
  "secrets",
  "password",
  "passwd",
  "token",
  "tokens",
  "apikey",
  "apikeys",
  "authorization",
  "cookie",
  "signature",
  "credentials",
] as const;

/**
 * Payloads: bodies, documents, records (health data), whatever their content, but for a bare
 * number or boolean: `documents: 12` is a count (a window row, a job's progress), not a document.
 */
const PAYLOAD_KEYS = new Set([
  "body",
  "bodies",
  "rawbody",
  "document",
  "documents",
  "documentjson",
  "payload",
  "payloads",
  "records",
  "data",
]);

const normalise = (key: string) => key.toLowerCase().replace(/[-_\s]/g, "");

export function isSecretKey(key: string): boolean {
  const k = normalise(key);
  return SECRET_SUFFIXES.some((s) => k.endsWith(s));
}

export function isPayloadKey(key: string): boolean {
  return PAYLOAD_KEYS.has(normalise(key));
}

const MAX_DEPTH = 8;

function walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (value instanceof Error) return safeError(value);
  if (typeof value !== "object" || value === null) return value;
  // Raw bytes are a delivery's body by another name.
  if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  if (value instanceof Date) return value;
  if (seen.has(value)) return "[circular]";
  if (depth >= MAX_DEPTH) return "[too deep]";
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => walk(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (v === undefined) continue;
    const payload = isPayloadKey(k) && v !== null && typeof v !== "number" && typeof v !== "boolean";
    out[k] = isSecretKey(k) || payload ? REDACTED : walk(v, depth + 1, seen);
  }
  return out;
}

/** A copy of a log object with secrets and payloads replaced and errors reduced (safeError). */
export function redactObject(obj: Record<string, unknown>): Record<string, unknown> {
  return walk(obj, 0, new WeakSet()) as Record<string, unknown>;
}
