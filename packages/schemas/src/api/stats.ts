import { z } from "zod";
import { ApiDateSchema } from "./common.ts";

export const ApiStatsSchema = z
  .object({
    deliveries: z
      .array(z.object({ day: ApiDateSchema, type: z.string(), outcome: z.string(), count: z.number().int() }))
      .describe("Inbox deliveries per UTC day of receipt, by event type and status"),
    deliveries_last_24h: z
      .array(z.object({ type: z.string(), outcome: z.string(), count: z.number().int() }))
      .describe("Inbox deliveries received in the 24 hours before the answer, by event type and status"),
    connections: z.array(z.object({ status: z.string(), count: z.number().int() })),
    failed_events: z.number().int().describe("Events currently in status failed"),
    backlog: z
      .object({
        waiting: z.number().int().describe("Acknowledged deliveries not processed yet (every replica's)"),
        retrying: z.number().int().describe("Of them, waiting for a retry after a database failure"),
        waiting_bytes: z.number().int(),
        oldest_received_at: z.string().nullable().describe("Receipt of the oldest waiting delivery"),
        oldest_age_seconds: z.number().describe("0 when nothing waits"),
      })
      .describe("The processing backlog behind the inbox"),
  })
  .meta({ id: "Stats" });
export type ApiStats = z.infer<typeof ApiStatsSchema>;

export const ApiHealthSchema = z
  .object({ ok: z.boolean(), database: z.enum(["up", "down"]) })
  .meta({ id: "Health" });
export type ApiHealth = z.infer<typeof ApiHealthSchema>;
