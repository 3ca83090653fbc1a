// Shared by this app's tests: a signed POST and a database that can be "stopped".
import { loadIngestConfig } from "@wearables/ingest";
import type { Db } from "@wearables/storage";
import { signWebhook } from "@wearables/terra-client";
import pino from "pino";
import { createApp, type WebhookDeps } from "./app.ts";

export const SECRET = "test-secret-current";
export const OLD_SECRET = "test-secret-previous";
export const silent = pino({ level: "silent" });

export interface PostOptions {
  secret?: string;
  /** Unix seconds for the signature's `t`. */
  t?: number;
  traceId?: string;
  orderingTs?: number;
  reference?: string;
  header?: "terra-signature" | "x-terra-signature" | "none";
  signature?: string;
}

export function signedInit(body: string | Buffer, o: PostOptions = {}): RequestInit {
  const t = o.t ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = { "content-type": "application/json" };
  const sig = o.signature ?? signWebhook(body, o.secret ?? SECRET, t);
  if (o.header !== "none") headers[o.header ?? "x-terra-signature"] = sig;
  if (o.traceId) headers["x-terra-trace-id"] = o.traceId;
  if (o.orderingTs !== undefined) headers["x-terra-ordering-timestamp"] = String(o.orderingTs);
  if (o.reference) headers["terra-reference"] = o.reference;
  return { method: "POST", headers, body };
}

/**
 * A Db whose connection can be cut: while `down`, starting a transaction or a query fails the way
 * node-postgres does when the server is gone. Everything else is the real database.
 */
export function switchableDb(db: Db): { db: Db; setDown(down: boolean): void } {
  let down = false;
  const fail = () =>
    Promise.reject(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }));
  const orm = new Proxy(db.orm, {
    get(target, prop, receiver) {
      if (down && (prop === "transaction" || prop === "execute" || prop === "select" || prop === "insert")) {
        return fail;
      }
      const v = Reflect.get(target, prop, receiver);
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
  return {
    db: { ...db, orm, close: () => db.close() },
    setDown(d) {
      down = d;
    },
  };
}

/** The service as tests use it: processing on (one worker thread unless told), started. */
export function testApp(db: Db, overrides: Partial<WebhookDeps> = {}) {
  const service = createApp({
    db,
    ingest: loadIngestConfig(),
    secrets: [SECRET, OLD_SECRET],
    logger: silent,
    ...overrides,
    processing: {
      threads: 1,
      settings: { pollMs: 50, retryBaseMs: 20, retryMaxMs: 200 },
      ...overrides.processing,
    },
  });
  service.start();
  return service;
}

/** Waits until every acknowledged delivery that is due has been processed. */
export async function settled(service: { processor: { whenIdle(): Promise<void> } | null }): Promise<void> {
  await service.processor?.whenIdle();
}

/** A prom-client counter's or histogram's value for these labels (0 when never touched). */
export async function metricValue(
  metric: { get(): Promise<{ values: { value: number; labels: object; metricName?: string }[] }> },
  labels: Record<string, string> = {},
  suffix = "",
): Promise<number> {
  const { values } = await metric.get();
  return values
    .filter(
      (v) =>
        (!suffix || v.metricName?.endsWith(suffix)) &&
        Object.entries(labels).every(([k, x]) => (v.labels as Record<string, unknown>)[k] === x),
    )
    .reduce((n, v) => n + v.value, 0);
}
