import type { Hook } from "@hono/zod-openapi";
import { type ApiErrorIssue, ApiErrorSchema } from "@wearables/schemas";
import { AppError } from "@wearables/service-kit";
import type { ZodError } from "zod";
import type { AppEnv } from "./deps.ts";

// The one AppError, onError and notFound of every app live in @wearables/service-kit (its `/http`
// entry for the Hono side); what stays here is the admin API's own: validation issues, the
// OpenAPI error responses, its not-found and bad-cursor errors.
export { AppError };

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
export function badCursor(field = "query.cursor", from = "from this listing"): AppError {
  const message = `not a cursor ${from}`;
  return new AppError("invalid_request", `invalid ${field}: ${message}`, {
    issues: [{ field, message }],
  });
}
