// An answer whose JSON is assembled as text (documents or series spliced in as the database
// printed them), typed as the schema it follows so the OpenAPI route still checks its handler.
import type { Context, TypedResponse } from "hono";
import type { JSONParsed } from "hono/utils/types";
import type { AppEnv } from "./deps.ts";

export function jsonText<T>(c: Context<AppEnv>, body: string): TypedResponse<JSONParsed<T>, 200, "json"> {
  return c.body(body, 200, { "content-type": "application/json" }) as unknown as TypedResponse<
    JSONParsed<T>,
    200,
    "json"
  >;
}
