import type { Readable } from "node:stream";
import { AppError } from "./errors.ts";

/**
 * Reads a request body as the exact bytes received, within a size limit and deadlines. The
 * signature is computed over these bytes and the inbox stores them, so the body is never decoded.
 *
 * Nothing here counts against admission: a client is only admitted once its body is signed. So
 * a client that trickles bytes must not hold anything for long either: the body must arrive
 * within `timeoutMs` plus what its declared length needs at `minBytesPerSecond`, and never go
 * quiet for `idleMs`; past either it is cut off with 408. Memory follows what actually arrived:
 * a declared length is only reserved in one buffer once a first megabyte has come, and only
 * within a budget shared by every body being read (`ReadBudget`).
 */
export interface BodyLimits {
  limit: number;
  /** Base time for the whole body. */
  timeoutMs: number;
  /** Longest silence between two chunks. */
  idleMs: number;
  /** Slowest average rate a large declared body may take on top of timeoutMs. */
  minBytesPerSecond: number;
  budget?: ReadBudget;
}

export const DEFAULT_BODY_LIMITS: Omit<BodyLimits, "limit"> = {
  timeoutMs: 10_000,
  idleMs: 5_000,
  minBytesPerSecond: 1024 * 1024,
};

/** Bytes reserved in whole-body buffers by the bodies being read right now. */
export class ReadBudget {
  private used = 0;
  constructor(private readonly max: number) {}
  reserve(bytes: number): boolean {
    if (this.used + bytes > this.max) return false;
    this.used += bytes;
    return true;
  }
  release(bytes: number): void {
    this.used = Math.max(0, this.used - bytes);
  }
  get reserved(): number {
    return this.used;
  }
}

/** The client went away before its body ended: nobody to answer, nothing to store. */
export class ClientAbortError extends Error {
  constructor() {
    super("the client closed the connection before its body ended");
    this.name = "ClientAbortError";
  }
}

const PREALLOCATE_AFTER = 1024 * 1024;

/**
 * Reads the body of the Node request (@hono/node-server passes it as env.incoming). A declared
 * Content-Length above the limit fails before reading; a chunked body fails as soon as its total
 * passes the limit. In both cases the rest of the body is left for Node to discard, so the 413 can
 * reach a client that is still sending (destroying the socket would reset the connection first).
 */
export function readIncomingBody(
  incoming: Readable,
  declared: string | null,
  limits: BodyLimits | number,
): Promise<Buffer> {
  const l: BodyLimits = typeof limits === "number" ? { ...DEFAULT_BODY_LIMITS, limit: limits } : limits;
  if (declared !== null && Number(declared) > l.limit) return Promise.reject(tooLarge(l.limit));
  const expected = declared !== null && /^\d+$/.test(declared) ? Number(declared) : -1;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let whole: Buffer | null = null;
    let reserved = 0;
    let total = 0;
    let settled = false;
    const deadlineMs = l.timeoutMs + (expected > 0 ? (expected / l.minBytesPerSecond) * 1000 : 0);
    // A timer that fires after the event loop was held (embedded PGlite writing a large record)
    // runs before the socket reads that were waiting: decide only after they had their turn.
    let chunksSeen = 0;
    const afterPendingReads = (fn: (seen: number) => void) => {
      const seen = chunksSeen;
      setImmediate(() => fn(seen));
    };
    const deadline = setTimeout(
      () => afterPendingReads(() => finish(timedOut("the request body did not arrive in time"))),
      deadlineMs,
    );
    const onIdle = () =>
      afterPendingReads((seen) => {
        if (chunksSeen === seen) finish(timedOut("the request body stalled"));
      });
    let idle = setTimeout(onIdle, l.idleMs);

    const finish = (err: Error | null, body?: Buffer) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      clearTimeout(idle);
      incoming.off("data", onData);
      incoming.off("end", onEnd);
      incoming.off("error", onError);
      incoming.off("close", onClose);
      if (reserved > 0) l.budget?.release(reserved);
      if (err) {
        // Too slow: read no more; the 408 goes out with `Connection: close` and Node closes the
        // socket once it is written. Too large: let Node read and drop the rest (bounded by the
        // server's requestTimeout), so the 413 reaches a client that is still sending.
        if (err instanceof AppError && err.code === "request_timeout") incoming.pause();
        else if (!incoming.destroyed) incoming.resume();
        reject(err);
      } else resolve(body as Buffer);
    };
    const onData = (chunk: Buffer) => {
      chunksSeen += 1;
      clearTimeout(idle);
      idle = setTimeout(onIdle, l.idleMs);
      total += chunk.byteLength;
      if (total > l.limit) return finish(tooLarge(l.limit));
      if (whole) {
        if (total <= expected) chunk.copy(whole, total - chunk.byteLength);
        else chunks.push(chunk);
        return;
      }
      chunks.push(chunk);
      // A declared length: once a first megabyte is here, copy into one buffer of that length
      // (one copy of a large body instead of chunks plus their concatenation), budget permitting.
      if (expected > PREALLOCATE_AFTER && total >= PREALLOCATE_AFTER && total <= expected) {
        if (!l.budget || l.budget.reserve(expected)) {
          reserved = l.budget ? expected : 0;
          whole = Buffer.allocUnsafe(expected);
          let at = 0;
          for (const c of chunks) {
            c.copy(whole, at);
            at += c.byteLength;
          }
          chunks.length = 0;
        }
      }
    };
    const onEnd = () => {
      if (expected >= 0 && total !== expected) {
        return finish(new AppError("invalid_request", "request body length differs from its Content-Length"));
      }
      if (whole) return finish(null, whole);
      finish(null, chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total));
    };
    const onError = () => finish(new ClientAbortError());
    const onClose = () => finish(new ClientAbortError());
    incoming.on("data", onData);
    incoming.on("end", onEnd);
    incoming.on("error", onError);
    incoming.on("close", onClose);
  });
}

/** The same from a web Request (app.request() in tests, other runtimes): same limits and errors. */
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
  if (chunks.length === 1) {
    const only = chunks[0] as Uint8Array;
    return Buffer.from(only.buffer, only.byteOffset, only.byteLength);
  }
  return Buffer.concat(chunks, total);
}

function tooLarge(limit: number): AppError {
  return new AppError("payload_too_large", `request body exceeds the limit of ${limit} bytes`);
}

function timedOut(message: string): AppError {
  return new AppError("request_timeout", message);
}
