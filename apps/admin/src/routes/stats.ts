import { createRoute, z } from "@hono/zod-openapi";
import { ApiStatsSchema } from "@wearables/schemas";
import { connectionStatusCounts, deliveryStats, failedEventCount, inboxBacklog } from "@wearables/storage";
import type { AppDeps } from "../deps.ts";
import { errorResponses } from "../errors.ts";
import { newRouter } from "../router.ts";

const stats = createRoute({
  method: "get",
  path: "/stats",
  tags: ["stats"],
  summary:
    "Deliveries per day and over the last 24 hours by type and outcome, connections by status, failed events, the processing backlog",
  request: {
    query: z.object({
      days: z.coerce.number().int().min(1).max(90).default(14).meta({ description: "Days back, 1–90" }),
    }),
  },
  responses: {
    200: { description: "Stats", content: { "application/json": { schema: ApiStatsSchema } } },
    ...errorResponses,
  },
});

/** The per-day counts of a rolling window, summed over its (at most two) UTC days. */
function byTypeAndOutcome(rows: { type: string; outcome: string; count: number }[]) {
  const sums = new Map<string, { type: string; outcome: string; count: number }>();
  for (const r of rows) {
    const key = `${r.type}\u0000${r.outcome}`;
    const s = sums.get(key) ?? { type: r.type, outcome: r.outcome, count: 0 };
    s.count += r.count;
    sums.set(key, s);
  }
  return [...sums.values()].sort(
    (a, b) => a.type.localeCompare(b.type) || a.outcome.localeCompare(b.outcome),
  );
}

export function statsRouter(deps: AppDeps) {
  return newRouter().openapi(stats, async (c) => {
    const { days } = c.req.valid("query");
    const now = deps.clock.now();
    // From the start of the UTC day `days - 1` days ago, so `days=1` is today.
    const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - (days - 1)));
    const [deliveries, lastDay, connections, failed, backlog] = await Promise.all([
      deliveryStats(deps.db, { since }),
      deliveryStats(deps.db, { since: new Date(now.getTime() - 86_400_000) }),
      connectionStatusCounts(deps.db),
      failedEventCount(deps.db),
      inboxBacklog(deps.db),
    ]);
    const oldest = backlog.oldestReceivedAt;
    return c.json(
      {
        deliveries,
        deliveries_last_24h: byTypeAndOutcome(lastDay),
        connections,
        failed_events: failed,
        backlog: {
          waiting: backlog.waiting,
          retrying: backlog.retrying,
          waiting_bytes: backlog.waitingBytes,
          oldest_received_at: oldest ? oldest.toISOString() : null,
          oldest_age_seconds: oldest ? Math.max(0, (now.getTime() - oldest.getTime()) / 1000) : 0,
        },
      },
      200,
    );
  });
}
