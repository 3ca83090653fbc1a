import { createRoute, z } from "@hono/zod-openapi";
import {
  ApiConnectionStatusSchema,
  ApiCoverageListSchema,
  ApiCursorSchema,
  ApiLimitSchema,
  ApiTextParamSchema,
  ApiUserDetailSchema,
  ApiUserPageSchema,
} from "@wearables/schemas";
import { getConnection, listConnections } from "@wearables/storage";
import { coverageFor } from "../coverage.ts";
import type { AppDeps } from "../deps.ts";
import { errorResponses, notFound } from "../errors.ts";
import { presentUser } from "../present.ts";
import { newRouter } from "../router.ts";

export const UserIdParam = z.object({
  id: ApiTextParamSchema.meta({ param: { name: "id", in: "path" }, description: "Terra user id" }),
});

const listUsers = createRoute({
  method: "get",
  path: "/users",
  tags: ["users"],
  summary: "List connections (ordered by Terra user id), filtered by status, provider or reference id",
  request: {
    query: z.object({
      status: ApiConnectionStatusSchema.optional(),
      provider: ApiTextParamSchema.optional(),
      reference_id: ApiTextParamSchema.optional(),
      cursor: ApiCursorSchema.optional(),
      limit: ApiLimitSchema,
    }),
  },
  responses: {
    200: { description: "A page of users", content: { "application/json": { schema: ApiUserPageSchema } } },
    ...errorResponses,
  },
});

const getUser = createRoute({
  method: "get",
  path: "/users/{id}",
  tags: ["users"],
  summary: "One user with connection status and a coverage summary",
  request: { params: UserIdParam },
  responses: {
    200: { description: "The user", content: { "application/json": { schema: ApiUserDetailSchema } } },
    ...errorResponses,
  },
});

const getCoverage = createRoute({
  method: "get",
  path: "/users/{id}/coverage",
  tags: ["users"],
  summary: "Coverage per data type: records stored, first and last day, days fetched",
  request: { params: UserIdParam },
  responses: {
    200: { description: "Coverage", content: { "application/json": { schema: ApiCoverageListSchema } } },
    ...errorResponses,
  },
});

export function usersRouter(deps: AppDeps) {
  return newRouter()
    .openapi(listUsers, async (c) => {
      const q = c.req.valid("query");
      const page = await listConnections(deps.db, {
        status: q.status,
        provider: q.provider,
        referenceId: q.reference_id,
        cursor: q.cursor ?? null,
        limit: q.limit,
      });
      return c.json({ data: page.items.map(presentUser), next_cursor: page.nextCursor ?? null }, 200);
    })
    .openapi(getUser, async (c) => {
      const { id } = c.req.valid("param");
      const conn = await getConnection(deps.db, id);
      if (!conn) throw notFound(`user ${id}`);
      return c.json({ ...presentUser(conn), coverage: await coverageFor(deps.db, id) }, 200);
    })
    .openapi(getCoverage, async (c) => {
      const { id } = c.req.valid("param");
      const conn = await getConnection(deps.db, id);
      if (!conn) throw notFound(`user ${id}`);
      return c.json({ user_id: id, data: await coverageFor(deps.db, id) }, 200);
    });
}
