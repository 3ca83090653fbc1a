import type { ApiErrorCode } from "@wearables/schemas";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError, errorBody } from "../app-error.ts";
import { safeError } from "../errors.ts";
import type { RequestEnv } from "./request-context.ts";

/** Hono's own 4xx (malformed JSON, a wrong content type) keep their status class under our codes. */
function fromHttpException(err: HTTPException): AppError {
  const code: ApiErrorCode =
    err.status === 401
      ? "unauthorized"
      : err.status === 403
        ? "forbidden"
        : err.status === 404
          ? "not_found"
          : err.status === 413
            ? "payload_too_large"
            : "invalid_request";
  const detail = err.message || "malformed request";
  return code === "invalid_request"
    ? new AppError(code, `invalid body: ${detail}`, { issues: [{ field: "body", message: detail }] })
    : new AppError(code, detail);
}

/** Any thrown value as the error the client gets: known errors keep their code, the rest is a 500. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof HTTPException && err.status < 500) return fromHttpException(err);
  return new AppError("internal_error", "internal error", { cause: err });
}

/**
 * The one onError of every app. A 5xx is logged as an error with the reduced error and its stack
 * under `err` (reduced here, not only by the logger's serializer: the app may have been given
 * someone else's logger, and a database error quotes its parameters); a 4xx is the client's
 * mistake, a debug line (the request's own summary line already has its status).
 */
export function onError<E extends RequestEnv>(err: Error, ctx: Context<E>): Response {
  const c = ctx as unknown as Context<RequestEnv>;
  const appErr = toAppError(err);
  const requestId = c.get("requestId") ?? "unknown";
  const log = c.get("log");
  if (appErr.status >= 500) {
    log?.error(
      { code: appErr.code, status: appErr.status, err: safeError(appErr.cause ?? appErr) },
      appErr.code === "internal_error" ? "request failed" : appErr.message,
    );
  } else {
    log?.debug({ code: appErr.code, status: appErr.status }, appErr.message);
  }
  if (appErr.retryAfterSeconds !== undefined) c.header("retry-after", String(appErr.retryAfterSeconds));
  return c.json(errorBody(appErr.code, appErr.message, requestId, appErr.issues), appErr.status);
}

/** The one notFound: the shared error body, code `not_found`. */
export function notFound<E extends RequestEnv>(c: Context<E>): Response {
  return onError(new AppError("not_found", `no route ${c.req.method} ${c.req.path}`), c);
}
