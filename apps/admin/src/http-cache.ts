// Every JSON answer of the admin API carries an ETag, answers If-None-Match with 304, and is
// compressed as the client's Accept-Encoding allows (ADR 0710). One middleware around every route,
// so a route added later gets it without asking.
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { brotliCompress, brotliCompressSync, constants, gzip, gzipSync } from "node:zlib";
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "./deps.ts";

const gzipAsync = promisify(gzip);
const brotliAsync = promisify(brotliCompress);

export interface HttpCacheOptions {
  /** Smaller answers go uncompressed (the headers would cost more than they save). Default 1 KiB. */
  minBytes?: number;
  /** zlib level; 4 is within a few percent of 6's size at two thirds of its time on our JSON. */
  gzipLevel?: number;
  /** Brotli quality; 4 compresses JSON better than gzip 6 in less time. */
  brotliQuality?: number;
  /**
   * Answers up to this size are compressed on the spot at the levels above, larger ones on the
   * thread pool at the fastest level (gzip 1, brotli 1). zlib's asynchronous API runs its work off
   * the event loop but costs the loop more than compressing a small answer outright (stream and
   * thread-pool machinery: about 0.5 ms of the loop per answer, against 0.2 ms to gzip 30 KB); a
   * large answer (a year of documents, 400 KB) is where CPU goes, and the fastest levels cost a
   * third of level 4 for a few percent more bytes. Default 256 KiB.
   */
  syncMaxBytes?: number;
}

/** A weak validator of a representation: the same bytes, whatever the content coding. */
function weakEtag(body: string | Uint8Array): string {
  return `W/"${createHash("sha1").update(body).digest("base64url").slice(0, 22)}"`;
}

/** Whether If-None-Match names `etag` (weak comparison, RFC 9110 §13.1.2). */
export function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const opaque = (t: string) => t.trim().replace(/^W\//, "");
  const want = opaque(etag);
  return header.split(",").some((t) => t.trim() === "*" || opaque(t) === want);
}

/** The coding to send: the acceptable one with the highest q (br on a tie), or null for identity. */
export function chooseEncoding(header: string | undefined): "br" | "gzip" | null {
  if (!header) return null;
  const q = new Map<string, number>();
  for (const part of header.toLowerCase().split(",")) {
    const [name = "", ...params] = part.trim().split(";");
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name.trim(), Number.isFinite(value) ? value : 0);
  }
  const of = (coding: string) => q.get(coding) ?? q.get("*") ?? 0;
  const br = of("br");
  const gz = Math.max(of("gzip"), q.get("x-gzip") ?? 0);
  if (br <= 0 && gz <= 0) return null;
  return br >= gz ? "br" : "gzip";
}

function isJson(type: string | null): boolean {
  return type !== null && /^application\/(?:[\w.+-]+\+)?json\b/i.test(type);
}

/**
 * The text a handler answered with, caught as it is handed to Hono, so that the answer is not read
 * back out of its Response (a stream: a third of a millisecond for 100 KB on Node 20).
 */
function captureBodies(c: Context<AppEnv>): () => string | null {
  let captured: { res: Response; text: () => string } | null = null;
  const body = c.body;
  const json = c.json;
  c.body = ((data: unknown, ...rest: unknown[]) => {
    const res = (body as (...a: unknown[]) => Response)(data, ...rest);
    captured = typeof data === "string" ? { res, text: () => data } : null;
    return res;
  }) as typeof c.body;
  c.json = ((object: unknown, ...rest: unknown[]) => {
    const res = (json as (...a: unknown[]) => Response)(object, ...rest);
    // The same call Hono made for the body: same text.
    captured = { res, text: () => JSON.stringify(object) };
    return res;
  }) as typeof c.json;
  // Only when the answer is still the one made there (a later middleware may have replaced it).
  return () => (captured && captured.res === c.res ? captured.text() : null);
}

/** Conditional requests and compression for JSON answers; other answers pass untouched. */
export function httpCache(options: HttpCacheOptions = {}): MiddlewareHandler<AppEnv> {
  const minBytes = options.minBytes ?? 1024;
  const gzipLevel = options.gzipLevel ?? 4;
  const brotliQuality = options.brotliQuality ?? 4;
  const syncMaxBytes = options.syncMaxBytes ?? 256 * 1024;
  return async (c, next) => {
    const answered = captureBodies(c);
    await next();
    const res = c.res;
    if (!isJson(res.headers.get("content-type")) || res.headers.has("content-encoding") || !res.body) return;
    const text = answered();
    const body: string | Uint8Array = text ?? new Uint8Array(await res.arrayBuffer());
    const headers = new Headers(res.headers);
    headers.delete("content-length");
    // A route that knows its validator cheaply (before reading documents) sets it; the rest get one
    // from their bytes.
    const etag = headers.get("etag") ?? weakEtag(body);
    headers.set("etag", etag);
    headers.append("vary", "Accept-Encoding");
    const conditional = c.req.method === "GET" || c.req.method === "HEAD";
    let answer: Response;
    if (res.status === 200 && conditional && ifNoneMatchHits(c.req.header("if-none-match"), etag)) {
      headers.delete("content-type");
      answer = new Response(null, { status: 304, headers });
    } else {
      const size = typeof body === "string" ? body.length : body.byteLength;
      const coding = size >= minBytes ? chooseEncoding(c.req.header("accept-encoding")) : null;
      let out: string | Uint8Array = body;
      const sync = size <= syncMaxBytes;
      if (coding === "br") {
        const params = {
          [constants.BROTLI_PARAM_QUALITY]: sync ? brotliQuality : 1,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: size,
        };
        out = sync ? brotliCompressSync(body, { params }) : await brotliAsync(body, { params });
      } else if (coding === "gzip") {
        out = sync ? gzipSync(body, { level: gzipLevel }) : await gzipAsync(body, { level: 1 });
      }
      if (coding) headers.set("content-encoding", coding);
      // (A Buffer is a Uint8Array; the DOM library of a browser build types BodyInit more narrowly.)
      answer = new Response(
        c.req.method === "HEAD" ? null : (out as ConstructorParameters<typeof Response>[0]),
        {
          status: res.status,
          headers,
        },
      );
    }
    // Hono copies the previous answer's headers onto a new one (content-length among them): clear it.
    c.res = undefined;
    c.res = answer;
  };
}
