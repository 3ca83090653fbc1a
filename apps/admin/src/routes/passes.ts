import { createRoute, z } from "@hono/zod-openapi";
import { type ApiBackfillPass, ApiBackfillPassPageSchema, ApiCursorSchema } from "@wearables/schemas";
import { type BackfillPassRow, backfillPassHealth, listBackfillPasses, PASS_KINDS } from "@wearables/storage";
import type { AppDeps } from "../deps.ts";
import { badCursor, errorResponses } from "../errors.ts";
import { newRouter } from "../router.ts";

const list = createRoute({
  method: "get",
  path: "/backfill-passes",
  tags: ["backfill"],
  summary:
    "Finished backfill passes, latest first, with the latest success and the failures since (what the alerts read)",
  request: {
    query: z.object({
      kind: z.enum(PASS_KINDS).optional(),
      cursor: ApiCursorSchema.optional(),
      limit: z.coerce.number().int().min(1).max(200).default(20).meta({ description: "Page size, 1–200" }),
    }),
  },
  responses: {
    200: {
      description: "A page of passes",
      content: { "application/json": { schema: ApiBackfillPassPageSchema } },
    },
    ...errorResponses,
  },
});

function presentPass(p: BackfillPassRow): ApiBackfillPass {
  return {
    id: p.id,
    pass: p.pass,
    kind: p.kind,
    started_at: p.startedAt.toISOString(),
    finished_at: p.finishedAt.toISOString(),
    ok: p.ok,
    users_active: p.usersActive,
    windows: {
      planned: p.windowsPlanned,
      done: p.windowsDone,
      failed: p.windowsFailed,
      deferred: p.windowsDeferred,
    },
    documents: {
      inserted: p.documentsInserted,
      updated: p.documentsUpdated,
      unchanged: p.documentsUnchanged,
    },
    invalid_records: p.invalidRecords,
    warnings: p.warnings,
    requests: p.requests,
    errors: p.errors,
    error_summary: p.errorSummary,
  };
}

/** `GET /v1/backfill-passes`: the passes the backfill records as each one ends (ADR 0610). */
export function passesRouter(deps: AppDeps) {
  return newRouter().openapi(list, async (c) => {
    const q = c.req.valid("query");
    if (q.cursor !== undefined && !/^\d{1,15}$/.test(q.cursor)) throw badCursor();
    const [page, health] = await Promise.all([
      listBackfillPasses(deps.db, {
        kind: q.kind,
        cursor: q.cursor === undefined ? null : Number(q.cursor),
        limit: q.limit,
      }),
      backfillPassHealth(deps.db, "run"),
    ]);
    return c.json(
      {
        data: page.items.map(presentPass),
        next_cursor: page.nextCursor === null ? null : String(page.nextCursor),
        last_success_at: health.lastSuccessAt?.toISOString() ?? null,
        consecutive_failed: health.consecutiveFailed,
      },
      200,
    );
  });
}
