import type { Readable } from "node:stream";
import { AppError } from "./errors.ts";

/**
 * Reads a request body as the exact bytes received, refusing more than `limit` bytes.
 * The signature is computed over these bytes and the inbox stores them, so the body is never
 * decoded and re-encoded. A declared Content-Length above the limit fails before reading;
 * a chunked body fails as soon as the running total passes it (the rest is not buffered).
 */
export async function readRawBody(req: Request, limit: number): Promise<Buffer> {
  const declared = req.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
  if (!req.body) return Buffer.alloc(0);

  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => {});
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  // One chunk (the common small case) is wrapped without copying.
  if (chunks.length === 1) {
    const only = chunks[0] as Uint8Array;
    return Buffer.from(only.buffer, only.byteOffset, only.byteLength);
  }
  return Buffer.concat(chunks, total);
}

/**
 * The same from the Node request itself (@hono/node-server passes it as env.incoming): this skips
 * building a web Request and ReadableStream per delivery, which cost more CPU than the rest of
 * reading. Same limits; past the limit the request is destroyed, as cancelling the stream did.
 */
export function readIncomingBody(
  incoming: Readable,
  declared: string | null,
  limit: number,
): Promise<Buffer> {
  if (declared !== null && Number(declared) > limit) return Promise.reject(tooLarge(limit));
  // A declared length (what Terra sends) lets the body be copied into one buffer as it arrives,
  // instead of holding every chunk and then their concatenation: one copy of a large body, not two.
  const expected = declared !== null && /^\d+$/.test(declared) ? Number(declared) : -1;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const whole = expected > 0 ? Buffer.allocUnsafe(expected) : null;
    let total = 0;
    const cleanup = () => {
      incoming.off("data", onData);
      incoming.off("end", onEnd);
      incoming.off("error", onError);
      incoming.off("close", onClose);
    };
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total > limit) {
        cleanup();
        incoming.destroy();
        reject(tooLarge(limit));
        return;
      }
      if (whole && total <= expected) chunk.copy(whole, total - chunk.byteLength);
      else chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      if (whole && total === expected && chunks.length === 0) resolve(whole);
      else if (whole)
        reject(new AppError("invalid_request", "request body length differs from its Content-Length"));
      else resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total));
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const onClose = () => {
      cleanup();
      reject(new AppError("invalid_request", "client closed the request before its body ended"));
    };
    incoming.on("data", onData);
    incoming.on("end", onEnd);
    incoming.on("error", onError);
    incoming.on("close", onClose);
  });
}

function tooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `request body exceeds the limit of ${limit} bytes`);
}
