import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import { deliveryKeyFor, type ReceivedResult } from "@wearables/storage";
import { verifyWebhook } from "@wearables/terra-client";
import { Hono } from "hono";
import type { Admission } from "../admission.ts";
import type { AppEnv } from "../app.ts";
import type { BacklogGuard } from "../backlog.ts";
import { ShedError } from "../batcher.ts";
import { type BodyLimits, ClientAbortError, readIncomingBody, readRawBody } from "../body.ts";
import { AppError } from "../errors.ts";
import type { InboxWriter } from "../inbox-writer.ts";
import type { Metrics } from "../metrics.ts";

export interface TerraRouteDeps {
  secrets: readonly string[];
  toleranceSeconds: number;
  body: BodyLimits;
  commitTimeoutMs: number;
  writer: InboxWriter;
  admission: Admission;
  backlog: BacklogGuard;
  metrics: Metrics;
  clock: () => number;
}

function orderingTimestamp(value: string | undefined): number | null {
  if (!value || !/^\d{1,16}$/.test(value.trim())) return null;
  return Number(value.trim());
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new AppError("database_unavailable", "database too slow; retry later", { retryAfterSeconds: 5 }),
        ),
      ms,
    );
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Bodies above this are hashed a slice per event-loop turn, so other deliveries are answered meanwhile. */
const HASH_SLICE_BYTES = 1024 * 1024;

async function sha256Hex(body: Buffer): Promise<string> {
  const hash = createHash("sha256");
  // Slices of the body itself: WebCrypto's digest on the thread pool would copy it first.
  for (let at = 0; at < body.byteLength; at += HASH_SLICE_BYTES) {
    if (at > 0) await new Promise((r) => setImmediate(r));
    hash.update(body.subarray(at, at + HASH_SLICE_BYTES));
  }
  return hash.digest("hex");
}

/**
 * POST /webhooks/terra does only what a 2xx must guarantee (ADR 0503): the body within its limit
 * and deadlines → the signature over the raw bytes → admission (only signed deliveries count) →
 * one group-committed INSERT of the raw bytes into the inbox → 200. Nothing about the content is
 * parsed, so nothing about it can make the acknowledgement fail; processing happens behind the
 * inbox. Anything that prevents the commit is a 503 so Terra retries.
 */
export function terraRoutes(deps: TerraRouteDeps) {
  const { metrics } = deps;
  const router = new Hono<AppEnv>();

  router.post("/webhooks/terra", async (c) => {
    const started = performance.now();
    const log = c.get("log");
    const traceId = c.req.header("x-terra-trace-id")?.trim().slice(0, 512) || null;
    let outcome = "error";
    let status = 500;
    let bytes = 0;
    let ticket: ReturnType<Admission["admit"]> | null = null;
    try {
      const incoming = (c.env as { incoming?: Readable } | undefined)?.incoming;
      let rawBody: Buffer;
      try {
        rawBody =
          incoming && typeof incoming.on === "function" && !incoming.readableDidRead
            ? await readIncomingBody(incoming, c.req.header("content-length") ?? null, deps.body)
            : await readRawBody(c.req.raw, deps.body.limit);
      } catch (err) {
        if (err instanceof ClientAbortError) {
          outcome = "client_aborted";
          status = 499;
          // Nobody is left to answer; an info line, not an error.
          return c.body(null, 400);
        }
        throw err;
      }
      bytes = rawBody.byteLength;
      const header = c.req.header("x-terra-signature") ?? c.req.header("terra-signature");
      const verified = verifyWebhook(rawBody, header, deps.secrets, {
        toleranceSeconds: deps.toleranceSeconds,
        now: deps.clock,
      });
      if (!verified.ok) {
        metrics.signatureFailures.inc({ reason: verified.reason });
        outcome = `rejected_${verified.reason}`;
        throw new AppError("bad_signature", "signature verification failed");
      }
      // Only now does the delivery count: unsigned and slow clients never hold admission.
      ticket = deps.admission.admit();
      if (!ticket.ok) throw shed(ticket.reason);
      const full = deps.backlog.full(rawBody.byteLength);
      if (full) throw shed(full);
      const bodySha256 = await sha256Hex(rawBody);
      let result: ReceivedResult;
      try {
        result = await withTimeout(
          deps.writer.submit({
            requestId: c.get("requestId"),
            rawBody,
            deliveryKey: traceId ? deliveryKeyFor(rawBody, traceId) : `sha256:${bodySha256}`,
            traceId,
            reference: c.req.header("terra-reference")?.trim().slice(0, 512) || null,
            orderingTs: orderingTimestamp(c.req.header("x-terra-ordering-timestamp")),
            receivedAt: new Date(deps.clock()),
            bodySha256,
          }),
          deps.commitTimeoutMs,
        );
      } catch (err) {
        if (err instanceof ShedError) {
          outcome = `shed_${err.reason}`;
          metrics.shed.inc({ reason: err.reason });
          throw new AppError(
            err.reason === "closed" ? "shutting_down" : "overloaded",
            `not accepted: ${err.reason}; retry later`,
            { retryAfterSeconds: 1 },
          );
        }
        if (err instanceof AppError) {
          outcome = "commit_timeout";
          throw err;
        }
        outcome = "db_error";
        throw new AppError("database_unavailable", "database unavailable; retry later", {
          cause: err,
          retryAfterSeconds: 5,
        });
      }
      if (!result.duplicate) deps.backlog.added(rawBody.byteLength);
      outcome = result.duplicate ? "duplicate" : "stored";
      status = 200;
      return c.json(
        { ok: true, eventId: result.id, status: result.status, duplicate: result.duplicate },
        200,
      );
    } catch (err) {
      if (err instanceof AppError) {
        status = err.status;
        if (err.code === "payload_too_large") outcome = "rejected_too_large";
        if (err.code === "request_timeout") {
          outcome = "rejected_timeout";
          c.header("connection", "close");
        }
        if (err.code === "invalid_request" && outcome === "error") outcome = "rejected_invalid";
        if (err.code === "overloaded" && outcome === "error") outcome = "shed";
      }
      throw err;
    } finally {
      if (ticket?.ok) ticket.release();
      const seconds = (performance.now() - started) / 1000;
      metrics.deliveries.inc({ outcome });
      metrics.latency.observe({ status: String(status) }, seconds);
      log.info({ traceId, outcome, status, bytes, ms: Math.round(seconds * 1000) }, "delivery");
    }

    function shed(reason: string): AppError {
      metrics.shed.inc({ reason });
      outcome = `shed_${reason}`;
      return new AppError("overloaded", `not accepted: ${reason}; retry later`, { retryAfterSeconds: 1 });
    }
  });

  return router;
}
