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

function tooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `request body exceeds the limit of ${limit} bytes`);
}
