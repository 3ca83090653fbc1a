import { createRoute, z } from "@hono/zod-openapi";
import {
  type ApiChangePage,
  ApiChangePageSchema,
  ApiCursorSchema,
  ApiQueryBooleanSchema,
  DATA_TYPES,
  type DataType,
} from "@wearables/schemas";
import { InvalidCursorError, readChanges } from "@wearables/storage";
import type { AppDeps } from "../deps.ts";
import { badCursor, errorResponses } from "../errors.ts";
import { jsonText } from "../json-text.ts";
import { iso } from "../present.ts";
import { commaList, newRouter } from "../router.ts";

/** A page with documents stops adding changes past this many bytes of them (one alone may exceed it). */
export const CHANGES_DOCUMENT_BYTES = 4 * 1024 * 1024;

const Types = commaList(z.array(z.enum(DATA_TYPES)).min(1));

const listChanges = createRoute({
  method: "get",
  path: "/changes",
  tags: ["changes"],
  summary: "Every record created or revised, in commit order, gap-free: poll with the last next_cursor",
  description:
    "A change is handed out once every transaction that started before it has finished, so a consumer that polls " +
    "with `after` never misses one, even when writers commit out of order (ADR 0305). A record revised twice " +
    "between two polls comes once, at its latest revision. Erasures are not announced.",
  request: {
    query: z.object({
      after: ApiCursorSchema.optional().meta({
        description: "The previous page's next_cursor; absent: from the beginning",
      }),
      types: Types.optional().meta({
        description: "Data types, repeated or comma-separated; absent: all",
        example: ["daily", "body"],
        param: { style: "form", explode: true },
      }),
      limit: z.coerce.number().int().min(1).max(10_000).default(1000),
      documents: ApiQueryBooleanSchema.optional().meta({ description: "Include each record's document" }),
    }),
  },
  responses: {
    200: {
      description: "A page of changes, oldest first",
      content: { "application/json": { schema: ApiChangePageSchema } },
    },
    ...errorResponses,
  },
});

export function changesRouter(deps: AppDeps) {
  return newRouter().openapi(listChanges, async (c) => {
    const q = c.req.valid("query");
    const page = await readChanges(deps.db, {
      after: q.after ?? null,
      types: q.types as DataType[] | undefined,
      limit: q.limit,
      documents: q.documents === true,
      maxBytes: CHANGES_DOCUMENT_BYTES,
    }).catch((err: unknown) => {
      throw err instanceof InvalidCursorError ? badCursor("query.after", "of this feed") : err;
    });
    // Documents are spliced in as the database's JSON text (ApiChangeSchema), never parsed here.
    const s = JSON.stringify;
    const data = page.items.map(
      (ch) =>
        `{"type":${s(ch.type)},"user_id":${s(ch.userId)},"key":${s(ch.naturalKey)},"date":${s(ch.localDate)},` +
        `"revision":${ch.revision},"change":${s(ch.revision === 1 ? "created" : "revised")},` +
        `"updated_at":${s(iso(ch.updatedAt) ?? "")}${ch.documentJson !== undefined ? `,"document":${ch.documentJson}` : ""}}`,
    );
    const body = `{"data":[${data.join(",")}],"next_cursor":${s(page.nextCursor)},"has_more":${page.more}}`;
    return jsonText<ApiChangePage>(c, body);
  });
}
