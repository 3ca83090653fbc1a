import { isUtf8 } from "node:buffer";

/**
 * What a signed body can hold that PostgreSQL cannot store as text or jsonb, found before any
 * write so that the record (or the event) fails with a clear error instead of the database
 * refusing the statement, and never silently altered (invalid UTF-8 decoded into replacement
 * characters once overwrote a stored reference id). Messages name where, never what.
 */

/** Null when `bytes` is valid UTF-8; else a message with the offset of the first bad byte. */
export function utf8Problem(bytes: Uint8Array): string | null {
  if (isUtf8(bytes)) return null;
  // Find the first bad sequence for the message (rare: only bodies that fail the check).
  const text = new TextDecoder("utf-8", { fatal: false }).decode(bytes);
  const at = text.indexOf("\uFFFD");
  return `body is not valid UTF-8${at >= 0 ? ` (first bad sequence near character ${at})` : ""}`;
}

// A JSON text can only carry U+0000 or a lone surrogate as an escape: a raw NUL is not valid JSON,
// and a lone surrogate cannot be encoded in valid UTF-8 (checked first).
const SUSPECT_ESCAPE = /\\u(0000|d[89a-f][0-9a-f]{2})/i;

/** Cheap test on the JSON text: can any of its strings hold something PostgreSQL refuses? */
export function mayHoldUnstorable(text: string): boolean {
  return SUSPECT_ESCAPE.test(text);
}

function badString(s: string): string | null {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) return "a NUL character (\\u0000)";
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      return "a lone surrogate";
    }
    if (c >= 0xdc00 && c <= 0xdfff) return "a lone surrogate";
  }
  return null;
}

/**
 * The first key or string value under `value` that PostgreSQL's text and jsonb refuse, as
 * `{ path, what }` (path from `value`'s root), or null. Iterative: deep nesting cannot overflow.
 */
export function findUnstorable(value: unknown): { path: string; what: string } | null {
  const stack: { v: unknown; path: string }[] = [{ v: value, path: "" }];
  while (stack.length > 0) {
    const { v, path } = stack.pop() as { v: unknown; path: string };
    if (typeof v === "string") {
      const what = badString(v);
      if (what) return { path: path || "(root)", what };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--)
        stack.push({ v: v[i], path: path ? `${path}.${i}` : String(i) });
    } else if (v && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) {
        const what = badString(k);
        if (what) return { path: path ? `${path}.${k}` : k, what: `${what} in a key` };
        stack.push({ v: child, path: path ? `${path}.${k}` : k });
      }
    }
  }
  return null;
}

/**
 * JSON.parse's message without the input it quotes (V8 quotes a snippet of the body, which can
 * hold health values): the kind of error and its position only.
 */
export function jsonErrorMessage(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof RangeError) return "nested too deeply to parse";
  return message
    .replace(/,?\s*"(?:[^"\\]|\\.)*"\s+is not valid JSON/g, "")
    .replace(/^Unexpected token '.+?'/, "Unexpected token")
    .slice(0, 200);
}
