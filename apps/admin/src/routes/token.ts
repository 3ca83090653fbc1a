import { createRoute } from "@hono/zod-openapi";
import { ApiTokenInfoSchema } from "@wearables/schemas";
import { errorResponses } from "../errors.ts";
import { newRouter } from "../router.ts";

const whoami = createRoute({
  method: "get",
  path: "/token",
  tags: ["token"],
  summary:
    "The presented token's name and role (a client checks a token with it and hides writes from read tokens)",
  responses: {
    200: { description: "The token", content: { "application/json": { schema: ApiTokenInfoSchema } } },
    ...errorResponses,
  },
});

export function tokenRouter() {
  return newRouter().openapi(whoami, (c) => {
    const { name, role } = c.get("token");
    return c.json({ name, role }, 200);
  });
}
