import { createRoute, z } from "@hono/zod-openapi";
import {
  ApiCursorSchema,
  ApiDateSchema,
  ApiDaySummaryListSchema,
  ApiLimitSchema,
  type ApiRecordPage,
  ApiRecordPageSchema,
  DATA_TYPES,
} from "@wearables/schemas";
import { dailySummary, InvalidCursorError, readRecordsJson } from "@wearables/storage";
import type { TypedResponse } from "hono";
import type { JSONParsed } from "hono/utils/types";
import { type AppDeps, DEFAULT_PAGE_MAX_BYTES } from "../deps.ts";
import { badCursor, errorResponses } from "../errors.ts";
import { iso, presentDay } from "../present.ts";
import { newRouter } from "../router.ts";
import { UserIdParam } from "./users.ts";

/** The summary reads three tables per day; two years keeps one answer bounded. */
export const MAX_SUMMARY_DAYS = 731;

const endNotBeforeStart = (q: { start_date?: string; end_date?: string }) =>
  !q.start_date || !q.end_date || q.end_date >= q.start_date;
const RANGE_MESSAGE = { message: "end_date is before start_date", path: ["end_date"] };

const readData = createRoute({
  method: "get",
  path: "/users/{id}/{type}",
  tags: ["data"],
  summary: "Stored records of one type, by day (dates as Terra writes them), with keyset pagination",
  description:
    "Each record's `document` is the whole Terra model as received (see @wearables/schemas). A page " +
    `holds at most \`limit\` records and about ${DEFAULT_PAGE_MAX_BYTES / 1024 / 1024} MiB of documents ` +
    "(the server's byte budget): past it the page ends early with a `next_cursor`; a record larger " +
    "than the budget comes alone.",
  request: {
    params: UserIdParam.extend({
      type: z.enum(DATA_TYPES).meta({ param: { name: "type", in: "path" }, description: "Data type" }),
    }),
    query: z
      .object({
        start_date: ApiDateSchema.optional(),
        end_date: ApiDateSchema.optional(),
        cursor: ApiCursorSchema.optional(),
        limit: ApiLimitSchema,
      })
      .refine(endNotBeforeStart, RANGE_MESSAGE),
  },
  responses: {
    200: {
      description: "A page of records",
      content: { "application/json": { schema: ApiRecordPageSchema } },
    },
    ...errorResponses,
  },
});

const summary = createRoute({
  method: "get",
  path: "/users/{id}/summary",
  tags: ["data"],
  summary:
    "Per-day figures: steps, weight, fat %, blood pressure, resting heart rate, sleep duration and efficiency, AFib flags",
  request: {
    params: UserIdParam,
    query: z
      .object({ start_date: ApiDateSchema, end_date: ApiDateSchema })
      .refine(endNotBeforeStart, RANGE_MESSAGE)
      .refine((q) => daysBetween(q.start_date, q.end_date) < MAX_SUMMARY_DAYS, {
        message: `at most ${MAX_SUMMARY_DAYS} days`,
        path: ["end_date"],
      }),
  },
  responses: {
    200: {
      description: "One entry per day with data",
      content: { "application/json": { schema: ApiDaySummaryListSchema } },
    },
    ...errorResponses,
  },
});

function daysBetween(a: string, b: string): number {
  return (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
}

export function dataRouter(deps: AppDeps) {
  // summary first: `/users/{id}/summary` must not be read as a data type.
  return newRouter()
    .openapi(summary, async (c) => {
      const { id } = c.req.valid("param");
      const q = c.req.valid("query");
      const days = await dailySummary(deps.db, { userId: id, startDate: q.start_date, endDate: q.end_date });
      return c.json(
        { user_id: id, start_date: q.start_date, end_date: q.end_date, data: days.map(presentDay) },
        200,
      );
    })
    .openapi(readData, async (c) => {
      const { id, type } = c.req.valid("param");
      const q = c.req.valid("query");
      const page = await readRecordsJson(deps.db, {
        type,
        userId: id,
        startDate: q.start_date,
        endDate: q.end_date,
        cursor: q.cursor ?? null,
        limit: q.limit,
        maxBytes: deps.pageMaxBytes ?? DEFAULT_PAGE_MAX_BYTES,
      }).catch((err: unknown) => {
        throw err instanceof InvalidCursorError ? badCursor() : err;
      });
      // The same body c.json would send (ApiRecordPageSchema), but each document is spliced in as
      // the JSON text PostgreSQL printed: parsing a year of documents only to serialise them again
      // cost more than the query.
      const s = JSON.stringify;
      const data = page.items.map(
        (r) =>
          `{"date":${s(r.localDate)},"key":${s(r.naturalKey)},"received_at":${s(iso(r.receivedAt) ?? "")},` +
          `"source":${s(r.source)},"document":${r.documentJson}}`,
      );
      const body = `{"data":[${data.join(",")}],"next_cursor":${s(page.nextCursor ?? null)}}`;
      return c.body(body, 200, { "content-type": "application/json" }) as unknown as TypedResponse<
        JSONParsed<ApiRecordPage>,
        200,
        "json"
      >;
    });
}
