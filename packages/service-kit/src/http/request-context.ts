import { randomUUID } from "node:crypto";
import type { MiddlewareHandler } from "hono";
import type { Logger } from "pino";

/** What every request carries in every service: its id and a logger that writes it on each line. */
export interface RequestVariables {
  requestId: string;
  log: Logger;
}
export type RequestEnv = { Variables: RequestVariables };

/**
 * An incoming id is kept when it looks like one (a proxy's or a client's, so that one request is
 * one id across systems): letters, digits and `._:-`, at most 128. Anything else (a log
 * injection, a megabyte of header) is replaced by a fresh UUID.
 */
const SANE_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

export function requestIdFrom(header: string | undefined): string {
  return header !== undefined && SANE_REQUEST_ID.test(header) ? header : randomUUID();
}

/**
 * The first middleware of every app: sets `requestId` (also the `x-request-id` response header)
 * and `log`, a child of the service's logger with the request id.
 */
export function requestContext(logger: Logger): MiddlewareHandler<RequestEnv> {
  return async (c, next) => {
    const requestId = requestIdFrom(c.req.header("x-request-id"));
    c.set("requestId", requestId);
    c.set("log", logger.child({ requestId }));
    c.header("x-request-id", requestId);
    await next();
  };
}
