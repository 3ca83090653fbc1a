import { createRoute, z } from "@hono/zod-openapi";
import {
  ApiBackfillCreateSchema,
  ApiBackfillJobPageSchema,
  ApiBackfillJobSchema,
  ApiCursorSchema,
  ApiLimitSchema,
  ApiTextParamSchema,
  DATA_TYPES,
} from "@wearables/schemas";
import {
  createBackfillJob,
  enqueueWindows,
  getBackfillJob,
  getConnection,
  JOB_STATUSES,
  listBackfillJobs,
  transaction,
} from "@wearables/storage";
import { splitDateRange } from "@wearables/terra-client";
import { auditWrite } from "../audit.ts";
import type { AppDeps } from "../deps.ts";
import { AppError, badCursor, errorResponses, notFound, writeErrorResponses } from "../errors.ts";
import { presentJob } from "../present.ts";
import { newRouter } from "../router.ts";
import { UserIdParam } from "./users.ts";

const json = <T>(schema: T) => ({ "application/json": { schema } });

const JobIdParam = z.object({
  jobId: z.coerce
    .number()
    .int()
    .positive()
    .meta({ param: { name: "jobId", in: "path" } }),
});

const create = createRoute({
  method: "post",
  path: "/users/{id}/backfills",
  tags: ["backfill"],
  summary: "Queue a backfill of some data types over a date range; the backfill worker executes it",
  request: { params: UserIdParam, body: { required: true, content: json(ApiBackfillCreateSchema) } },
  responses: { 201: { description: "Queued", content: json(ApiBackfillJobSchema) }, ...writeErrorResponses },
});

const list = createRoute({
  method: "get",
  path: "/backfills",
  tags: ["backfill"],
  summary: "Backfill jobs, newest first",
  request: {
    query: z.object({
      user_id: ApiTextParamSchema.optional(),
      status: z.enum(JOB_STATUSES).optional(),
      cursor: ApiCursorSchema.optional(),
      limit: ApiLimitSchema,
    }),
  },
  responses: {
    200: { description: "A page of jobs", content: json(ApiBackfillJobPageSchema) },
    ...errorResponses,
  },
});

const one = createRoute({
  method: "get",
  path: "/backfills/{jobId}",
  tags: ["backfill"],
  summary: "One job with the progress of its windows",
  request: { params: JobIdParam },
  responses: { 200: { description: "The job", content: json(ApiBackfillJobSchema) }, ...errorResponses },
});

/** Terra keeps history for years, but one request for more than five of them is a typo. */
const MAX_BACKFILL_DAYS = 1825;
/** The backfill worker's default WINDOW_DAYS: one Terra request per window. */
const WINDOW_DAYS = 28;

export function backfillRouter(deps: AppDeps) {
  return newRouter()
    .openapi(create, async (c) => {
      const { id } = c.req.valid("param");
      const b = c.req.valid("json");
      const unknown = b.types.filter((t) => !(DATA_TYPES as readonly string[]).includes(t));
      if (unknown.length > 0) {
        const message = `unknown data type ${unknown.join(", ")} (known: ${DATA_TYPES.join(", ")})`;
        throw new AppError("invalid_request", `invalid body.types: ${message}`, {
          issues: [{ field: "body.types", message }],
        });
      }
      const span = (Date.parse(b.end_date) - Date.parse(b.start_date)) / 86_400_000 + 1;
      if (span > MAX_BACKFILL_DAYS) {
        const message = `at most ${MAX_BACKFILL_DAYS} days`;
        throw new AppError("invalid_request", `invalid body.end_date: ${message}`, {
          issues: [{ field: "body.end_date", message }],
        });
      }
      const conn = await getConnection(deps.db, id);
      if (!conn) throw notFound(`user ${id}`);
      // Terra answers 404 for a connection it no longer holds: refuse now rather than fail every window.
      if (conn.status !== "active") {
        throw new AppError(
          "conflict",
          `user ${id} is ${conn.status}; only an active connection can be backfilled`,
        );
      }
      const actor = `token:${c.get("token").name}`;
      const job = await transaction(deps.db, async (tx) => {
        const j = await createBackfillJob(tx, {
          userId: id,
          dataTypes: [...new Set(b.types)],
          startDate: b.start_date,
          endDate: b.end_date,
          requestedBy: actor,
        });
        // The job's windows, as the backfill worker would plan them: month-aligned, at most
        // WINDOW_DAYS days. A window already live for the same range is not duplicated.
        const windows = j.job.dataTypes.flatMap((type) =>
          splitDateRange(b.start_date, b.end_date, { maxDays: WINDOW_DAYS, alignToMonths: true }).map(
            (w) => ({
              userId: id,
              dataType: type,
              startDate: w.start,
              endDate: w.end,
              jobId: j.job.id,
            }),
          ),
        );
        await enqueueWindows(tx, windows);
        await auditWrite(tx, c, "backfill.create", id, {
          jobId: j.job.id,
          types: b.types,
          start: b.start_date,
          end: b.end_date,
        });
        return (await getBackfillJob(tx, j.job.id)) ?? j;
      });
      return c.json(presentJob(job.job, job.progress), 201);
    })
    .openapi(list, async (c) => {
      const q = c.req.valid("query");
      if (q.cursor !== undefined && !/^\d{1,15}$/.test(q.cursor)) throw badCursor();
      const page = await listBackfillJobs(deps.db, {
        userId: q.user_id,
        status: q.status,
        cursor: q.cursor === undefined ? null : Number(q.cursor),
        limit: q.limit,
      });
      return c.json(
        {
          data: page.items.map((j) => presentJob(j.job, j.progress)),
          next_cursor: page.nextCursor === null ? null : String(page.nextCursor),
        },
        200,
      );
    })
    .openapi(one, async (c) => {
      const { jobId } = c.req.valid("param");
      const j = await getBackfillJob(deps.db, jobId);
      if (!j) throw notFound(`backfill job ${jobId}`);
      return c.json(presentJob(j.job, j.progress), 200);
    });
}
