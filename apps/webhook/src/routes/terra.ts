import type { Readable } from "node:stream";
import { type IngestConfig, prepareEvent } from "@wearables/ingest";
import { verifyWebhook } from "@wearables/terra-client";
import { Hono } from "hono";
import type { Admission } from "../admission.ts";
import type { AppEnv } from "../app.ts";
import type { Committer } from "../batcher.ts";
import { ShedError } from "../batcher.ts";
import { readIncomingBody, readRawBody } from "../body.ts";
import { AppError } from "../errors.ts";
import type { Metrics } from "../metrics.ts";
import { type Delivery, makeDelivery, type StoreResult } from "../store.ts";

export interface TerraRouteDeps {
  ingest: IngestConfig;
  secrets: readonly string[];
  toleranceSeconds: number;
  bodyLimit: number;
  commitTimeoutMs: number;
  committer: Committer<Delivery, StoreResult>;
  admission: Admission;
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
      () => reject(new AppError("database_unavailable", "database too slow; retry later")),
      ms,
    );
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * POST /webhooks/terra: raw bytes (bounded) → signature → parse/download (no database) → one
 * group-committed transaction → 200. Anything that prevents the commit is a 503 so Terra retries;
 * a 2xx is only ever sent for a delivery whose transaction has committed.
 */
export function terraRoutes(deps: TerraRouteDeps) {
  const { metrics } = deps;
  const router = new Hono<AppEnv>();

  router.post("/webhooks/terra", async (c) => {
    const started = performance.now();
    const log = c.get("log");
    const traceId = c.req.header("x-terra-trace-id")?.trim() || null;
    let type = "unknown";
    let outcome = "error";
    let status = 500;
    const ticket = deps.admission.admit();
    try {
      if (!ticket.ok) {
        metrics.shed.inc({ reason: ticket.reason });
        outcome = `shed_${ticket.reason}`;
        throw new AppError("overloaded", `not accepted: ${ticket.reason}; retry later`, {
          retryAfterSeconds: 1,
        });
      }
      const incoming = (c.env as { incoming?: Readable } | undefined)?.incoming;
      const rawBody =
        incoming && typeof incoming.on === "function" && !incoming.readableDidRead
          ? await readIncomingBody(incoming, c.req.header("content-length") ?? null, deps.bodyLimit)
          : await readRawBody(c.req.raw, deps.bodyLimit);
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
      const prepared = await prepareEvent(rawBody, deps.ingest);
      type = prepared.type;
      const delivery = makeDelivery({
        requestId: c.get("requestId"),
        rawBody,
        traceId,
        reference: c.req.header("terra-reference")?.trim() || null,
        orderingTs: orderingTimestamp(c.req.header("x-terra-ordering-timestamp")),
        receivedAt: new Date(deps.clock()),
        prepared,
      });
      let result: StoreResult;
      try {
        result = await withTimeout(deps.committer.submit(delivery), deps.commitTimeoutMs);
      } catch (err) {
        if (err instanceof ShedError) {
          metrics.shed.inc({ reason: err.reason });
          outcome = `shed_${err.reason}`;
          throw new AppError(
            err.reason === "closed" ? "shutting_down" : "overloaded",
            `not accepted: ${err.reason}; retry later`,
            {
              retryAfterSeconds: 1,
            },
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
      if (!result.ok) {
        outcome = "db_error";
        throw new AppError("database_unavailable", "database unavailable; retry later", {
          cause: result.error,
          retryAfterSeconds: 5,
        });
      }
      outcome = result.duplicate ? "duplicate" : result.status;
      status = 200;
      return c.json(
        { ok: true, eventId: result.eventId, status: result.status, duplicate: result.duplicate },
        200,
      );
    } catch (err) {
      if (err instanceof AppError) {
        status = err.status;
        if (err.code === "payload_too_large") outcome = "rejected_too_large";
      }
      throw err;
    } finally {
      if (ticket.ok) ticket.release();
      const seconds = (performance.now() - started) / 1000;
      metrics.deliveries.inc({ type, outcome });
      metrics.latency.observe(seconds, { status: String(status) });
      log.info({ traceId, type, outcome, status, ms: Math.round(seconds * 1000) }, "delivery");
    }
  });

  return router;
}
