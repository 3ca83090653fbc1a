// The HTTP side of the service kit (Hono): the request context every app starts with, and the one
// onError and notFound. Its own entry point, so that a process without Hono (the backfill) can use
// the rest of the kit.
export { notFound, onError, toAppError } from "./on-error.ts";
export {
  type RequestEnv,
  type RequestVariables,
  requestContext,
  requestIdFrom,
} from "./request-context.ts";
