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
  })
  .meta({ id: "Stats" });
export type ApiStats = z.infer<typeof ApiStatsSchema>;

export const ApiHealthSchema = z
  .object({ ok: z.boolean(), database: z.enum(["up", "down"]) })
  .meta({ id: "Health" });
export type ApiHealth = z.infer<typeof ApiHealthSchema>;
