import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./deps.ts";
import { validationHook } from "./errors.ts";

/** Every router is built here so that each one reports validation errors the same way. */
export function newRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}
