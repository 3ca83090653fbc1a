import { createRoute, z } from "@hono/zod-openapi";
import {
  ApiCursorSchema,
  ApiEventDetailSchema,
  ApiEventPageSchema,
  ApiEventStatusSchema,
  ApiLimitSchema,
  ApiQueryBooleanSchema,
  ApiReplayRequestSchema,
  ApiReplayResponseSchema,
  ApiTextParamSchema,
} from "@wearables/schemas";
import { getEventSummary, listEvents } from "@wearables/storage";
import { auditWrite } from "../audit.ts";
import type { AppDeps } from "../deps.ts";
import { badCursor, errorResponses, notFound, writeErrorResponses } from "../errors.ts";
import { presentEvent } from "../present.ts";
import { replayEvent } from "../replay.ts";
import { newRouter } from "../router.ts";

const json = <T>(schema: T) => ({ "application/json": { schema } });

const EventIdParam = z.object({
  eventId: z.coerce
    .number()
    .int()
    .positive()
    .meta({ param: { name: "eventId", in: "path" }, description: "Inbox event id" }),
});

const list = createRoute({
  method: "get",
  path: "/events",
  tags: ["inbox"],
  summary: "The webhook inbox, newest first, filtered by status, type, user or warnings",
  request: {
    query: z.object({
      status: ApiEventStatusSchema.optional(),
      type: ApiTextParamSchema.optional(),
      user_id: ApiTextParamSchema.optional(),
      has_warnings: ApiQueryBooleanSchema.optional().meta({
        description:
          "true: only events with warnings (kept with something unknown); false: only those without",
      }),
      cursor: ApiCursorSchema.optional(),
      limit: ApiLimitSchema,
    }),
  },
  responses: {
    200: { description: "A page of events", content: json(ApiEventPageSchema) },
    ...errorResponses,
  },
});

const one = createRoute({
  method: "get",
  path: "/events/{eventId}",
  tags: ["inbox"],
  summary: "One event with its error (never its body, which holds health data)",
  request: { params: EventIdParam },
  responses: { 200: { description: "The event", content: json(ApiEventDetailSchema) }, ...errorResponses },
});

const replayOne = createRoute({
  method: "post",
  path: "/events/{eventId}/replay",
  tags: ["inbox"],
  summary: "Process one stored event again, from its raw body (after a fix)",
  description:
    "An event that still cannot be processed (a payload the schema or the database refuses) answers " +
    "200 with its result `failed` and the reason in `error`; the event keeps that status and error.",
  request: { params: EventIdParam },
  responses: {
    200: { description: "Replayed", content: json(ApiReplayResponseSchema) },
    ...writeErrorResponses,
  },
});

const replayMany = createRoute({
  method: "post",
  path: "/events/replay",
  tags: ["inbox"],
  summary: "Replay events by id, or the newest `limit` events in a status (and type)",
  description:
    "Each event is replayed in its own transaction and reported in `results`: one that cannot be " +
    "processed ends `failed` with its reason and never stops the others.",
  request: { body: { required: true, content: json(ApiReplayRequestSchema) } },
  responses: {
    200: { description: "Replayed", content: json(ApiReplayResponseSchema) },
    ...writeErrorResponses,
  },
});

function parseCursor(s: string | undefined): number | null {
  if (s === undefined) return null;
  if (!/^\d{1,15}$/.test(s)) throw badCursor();
  return Number(s);
}

export function inboxRouter(deps: AppDeps) {
  return newRouter()
    .openapi(list, async (c) => {
      const q = c.req.valid("query");
      const page = await listEvents(deps.db, {
        status: q.status,
        type: q.type,
        userId: q.user_id,
        hasWarnings: q.has_warnings,
        cursor: parseCursor(q.cursor),
        limit: q.limit,
      });
      return c.json(
        {
          data: page.items.map((e) => presentEvent(e)),
          next_cursor: page.nextCursor === null ? null : String(page.nextCursor),
        },
        200,
      );
    })
    .openapi(one, async (c) => {
      const { eventId } = c.req.valid("param");
      const e = await getEventSummary(deps.db, eventId);
      if (!e) throw notFound(`event ${eventId}`);
      return c.json({ ...presentEvent(e), has_body: e.hasBody }, 200);
    })
    .openapi(replayMany, async (c) => {
      const b = c.req.valid("json");
      const ids =
        b.ids ??
        (await listEvents(deps.db, { status: b.status, type: b.type, limit: b.limit })).items.map(
          (e) => e.id,
        );
      const results = [];
      // One at a time, each in its own transaction: an event that cannot be processed fails alone.
      for (const id of ids) results.push(await replayEvent(deps, id, { log: c.get("log") }));
      await auditWrite(deps.db, c, "events.replay", null, {
        ids,
        outcomes: results.map((r) => r.status),
      });
      return c.json({ replayed: results.length, results }, 200);
    })
    .openapi(replayOne, async (c) => {
      const { eventId } = c.req.valid("param");
      const result = await replayEvent(deps, eventId, { strict: true, log: c.get("log") });
      await auditWrite(deps.db, c, "events.replay", null, { ids: [eventId], outcomes: [result.status] });
      return c.json({ replayed: 1, results: [result] }, 200);
    });
}
