import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { AppEnv } from "./deps.ts";
import { validationHook } from "./errors.ts";

/** Every router is built here so that each one reports validation errors the same way. */
export function newRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
}

/** A query list given as `name=a&name=b` or `name=a,b`, split before `list` checks it. */
export function commaList<T extends z.ZodType>(list: T) {
  return z.preprocess(
    (v) =>
      typeof v === "string" ? v.split(",") : Array.isArray(v) ? v.flatMap((x) => String(x).split(",")) : v,
    list,
  );
}
