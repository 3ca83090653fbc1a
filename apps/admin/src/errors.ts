import type { Hook } from "@hono/zod-openapi";
import {
  API_ERROR_STATUS,
  type ApiError,
  type ApiErrorCode,
  type ApiErrorIssue,
  ApiErrorSchema,
} from "@wearables/schemas";
import { safeError } from "@wearables/service-kit";
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ZodError } from "zod";
import type { AppEnv } from "./deps.ts";

/** The HTTP status that goes with each error code: one table, so a code always means one status. */
export const STATUS_BY_CODE = API_ERROR_STATUS;

export class AppError extends Error {
  readonly code: ApiErrorCode;
  readonly issues: ApiErrorIssue[] | undefined;
  constructor(code: ApiErrorCode, message: string, opts: { issues?: ApiErrorIssue[]; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.issues = opts.issues;
  }
  get status(): (typeof STATUS_BY_CODE)[ApiErrorCode] {
    return STATUS_BY_CODE[this.code];
  }
}

export function notFound(what: string): AppError {
  return new AppError("not_found", `${what} not found`);
}

/** Turns zod's issues into `{ field, message }` with the field prefixed by where it came from. */
export function issuesOf(error: ZodError, target: string): ApiErrorIssue[] {
  return error.issues.map((i) => ({
    field: [target, ...i.path.map(String)].join("."),
    message: i.message,
  }));
}

/** Every router's validation hook: a 400 that names each bad field, through the one onError. */
export const validationHook: Hook<unknown, AppEnv, string, undefined> = (result) => {
  if (result.success) return undefined;
  const target = result.target === "json" ? "body" : result.target;
  const issues = issuesOf(result.error, target);
  const summary = issues.map((i) => `${i.field}: ${i.message}`).join("; ");
  throw new AppError("invalid_request", `invalid ${summary}`, { issues });
};

export function errorBody(c: Context<AppEnv>, err: AppError): ApiError {
  return {
    error: {
      code: err.code,
      message: err.message,
      requestId: c.get("requestId") ?? "unknown",
      ...(err.issues ? { issues: err.issues } : {}),
    },
  };
}

/**
 * The one onError: known errors keep their code; anything else is a logged 500 without details.
 * The error is reduced (safeError) here, not only by the logger's serializer: a database error
 * quotes its parameters, and whichever logger the app was given must never see them.
 */
export function onError(err: Error, c: Context<AppEnv>): Response {
  const appErr = toAppError(err);
  const log = c.get("logger");
  if (appErr.status >= 500) {
    log?.error({ err: safeError(appErr.cause ?? appErr), code: appErr.code }, "request failed");
  } else {
    log?.info({ code: appErr.code, status: appErr.status }, appErr.message);
  }
  return c.json(errorBody(c, appErr), appErr.status);
}

/** Hono's own 4xx (malformed JSON, wrong content type) keep their status class under our codes. */
function toAppError(err: Error): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof HTTPException && err.status < 500) {
    const code: ApiErrorCode =
      err.status === 401
        ? "unauthorized"
        : err.status === 403
          ? "forbidden"
          : err.status === 404
            ? "not_found"
            : "invalid_request";
    const message = `invalid body: ${err.message || "malformed request"}`;
    return new AppError(code, code === "invalid_request" ? message : err.message, {
      issues:
        code === "invalid_request"
          ? [{ field: "body", message: err.message || "malformed request" }]
          : undefined,
    });
  }
  return new AppError("internal_error", "internal error", { cause: err });
}

const errorContent = { "application/json": { schema: ApiErrorSchema } };

/** The error responses every route shares in the OpenAPI document. */
export const errorResponses = {
  400: { description: "Invalid parameters (the message and `issues` name the field)", content: errorContent },
  401: { description: "Missing or invalid bearer token", content: errorContent },
  403: { description: "The token's role may not do this", content: errorContent },
  404: { description: "Not found", content: errorContent },
  500: { description: "Internal error", content: errorContent },
} as const;

export const writeErrorResponses = {
  ...errorResponses,
  409: { description: "Conflicts with the current state", content: errorContent },
  502: { description: "Terra failed or refused", content: errorContent },
} as const;

/** A cursor we did not issue (or one from another listing) is the caller's mistake, not ours. */
export function badCursor(): AppError {
  return new AppError("invalid_request", "invalid query.cursor: not a cursor from this listing", {
    issues: [{ field: "query.cursor", message: "not a cursor from this listing" }],
  });
}
