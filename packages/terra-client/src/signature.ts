import { createHmac, timingSafeEqual } from "node:crypto";

/** A webhook body exactly as received: the raw string or its bytes (a Buffer is a Uint8Array). */
export type RawBody = string | Uint8Array;

export type VerifyFailureReason =
  | "missing_body"
  | "missing_header"
  | "missing_secret"
  | "no_timestamp"
  | "invalid_timestamp"
  | "no_v1_signature"
  | "no_matching_signature"
  | "timestamp_too_old"
  | "timestamp_in_future";

export type VerifyResult =
  | { ok: true; timestamp: number; secretIndex: number }
  | { ok: false; reason: VerifyFailureReason };

export interface VerifyOptions {
  /** Allowed distance between the header's `t` and now, in both directions. Default 300 s (Terra's SDK). */
  toleranceSeconds?: number;
  /** Current time in epoch milliseconds (same shape as `Date.now`), injectable for tests. */
  now?: () => number;
}

export const DEFAULT_TOLERANCE_SECONDS = 300;

const HEX_SHA256 = /^[0-9a-f]{64}$/i;
const DIGITS = /^\d+$/;

function hmac(secret: string, timestamp: string, rawBody: RawBody): Buffer {
  const mac = createHmac("sha256", secret);
  // Hash `${t}.` then the body as bytes: a string body is its UTF-8 encoding, so a string
  // and the Buffer it came from give the same signature. Never JSON.parse/stringify here.
  mac.update(`${timestamp}.`, "utf8");
  if (typeof rawBody === "string") mac.update(rawBody, "utf8");
  else mac.update(rawBody);
  return mac.digest();
}

/** Header value Terra sends as `terra-signature`: `t=<unix seconds>,v1=<lower-case hex>`. */
export function signWebhook(rawBody: RawBody, secret: string, timeSeconds: number): string {
  if (!Number.isInteger(timeSeconds) || timeSeconds < 0) {
    throw new RangeError("signWebhook: timeSeconds must be a non-negative integer (unix seconds)");
  }
  const t = String(timeSeconds);
  return `t=${t},v1=${hmac(secret, t, rawBody).toString("hex")}`;
}

interface ParsedHeader {
  timestamp: string | null;
  candidates: string[];
}

// Split on ",", then each element on its FIRST "=", trimming both sides, as Terra's SDK does.
// Only `v1` counts: any other scheme (v0, …) is ignored so a weaker scheme cannot be forced.
function parseHeader(header: string): ParsedHeader {
  let timestamp: string | null = null;
  const candidates: string[] = [];
  for (const element of header.split(",")) {
    const eq = element.indexOf("=");
    if (eq < 0) continue;
    const key = element.slice(0, eq).trim();
    const value = element.slice(eq + 1).trim();
    if (key === "t") timestamp = value;
    else if (key === "v1") candidates.push(value);
  }
  return { timestamp, candidates };
}

function isEmpty(body: RawBody): boolean {
  return typeof body === "string" ? body.length === 0 : body.byteLength === 0;
}

/**
 * Verify a `terra-signature` header over the raw body bytes. Never throws on bad input:
 * the webhook answers 4xx from `reason` (logged, never the secret or body).
 * `secrets` may hold several values during a rotation; any match is accepted.
 */
export function verifyWebhook(
  rawBody: RawBody,
  header: string | null | undefined,
  secrets: string | readonly string[],
  options: VerifyOptions = {},
): VerifyResult {
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const now = options.now ?? Date.now;
  const keys = (typeof secrets === "string" ? [secrets] : [...secrets]).filter((s) => s.length > 0);

  if (isEmpty(rawBody)) return { ok: false, reason: "missing_body" };
  if (!header || header.trim() === "") return { ok: false, reason: "missing_header" };
  if (keys.length === 0) return { ok: false, reason: "missing_secret" };

  const { timestamp, candidates } = parseHeader(header);
  if (!timestamp) return { ok: false, reason: "no_timestamp" };
  if (!DIGITS.test(timestamp)) return { ok: false, reason: "invalid_timestamp" };
  if (candidates.length === 0) return { ok: false, reason: "no_v1_signature" };

  // Checked before hashing so a flood of stale or far-future deliveries costs no HMAC work.
  // Accept/reject is the same as Terra's SDK, which checks the signature first.
  const t = Number(timestamp);
  const age = Math.floor(now() / 1000) - t;
  if (age > tolerance) return { ok: false, reason: "timestamp_too_old" };
  if (age < -tolerance) return { ok: false, reason: "timestamp_in_future" };

  // Malformed candidates cannot match; skip them rather than fail, as another v1 may be good.
  const received = candidates.filter((c) => HEX_SHA256.test(c)).map((c) => Buffer.from(c, "hex"));

  let secretIndex = -1;
  for (let i = 0; i < keys.length; i++) {
    // The signed payload uses `t` exactly as written in the header (what the sender hashed).
    const expected = hmac(keys[i] as string, timestamp, rawBody);
    let matched = false;
    // Compare against every candidate without an early exit, so timing reveals nothing.
    for (const candidate of received) {
      if (candidate.length === expected.length && timingSafeEqual(candidate, expected)) {
        matched = true;
      }
    }
    if (matched && secretIndex < 0) secretIndex = i;
  }
  if (secretIndex < 0) return { ok: false, reason: "no_matching_signature" };

  return { ok: true, timestamp: t, secretIndex };
}
