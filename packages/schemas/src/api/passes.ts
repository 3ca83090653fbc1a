import { z } from "zod";
import { apiPageOf } from "./common.ts";

const count = z.number().int();

/** One finished backfill pass, as the backfill recorded it (no user ids: codes and counts). */
export const ApiBackfillPassSchema = z
  .object({
    id: z.number().int(),
    pass: z.string().describe("The pass's id in the backfill's log lines and summary"),
    kind: z.enum(["run", "user"]).describe("run: every active connection (cron, --every); user: one user"),
    started_at: z.string(),
    finished_at: z.string(),
    ok: z.boolean().describe("Every due window succeeded (the command's exit code 0)"),
    users_active: count,
    windows: z.object({ planned: count, done: count, failed: count, deferred: count }),
    documents: z.object({ inserted: count, updated: count, unchanged: count }),
    invalid_records: count.describe("Records of Terra's answers that failed validation (not stored)"),
    warnings: count,
    requests: count.describe("Requests to Terra"),
    errors: count,
    error_summary: z
      .string()
      .nullable()
      .describe("Errors by code (`transient_exhausted ×3`), with the message of errors about the whole pass"),
  })
  .meta({ id: "BackfillPass" });
export type ApiBackfillPass = z.infer<typeof ApiBackfillPassSchema>;

export const ApiBackfillPassPageSchema = apiPageOf(ApiBackfillPassSchema)
  .extend({
    last_success_at: z
      .string()
      .nullable()
      .describe("End of the latest successful `run` pass; null if none succeeded"),
    consecutive_failed: count.describe("Failed `run` passes since the latest successful one"),
  })
  .meta({ id: "BackfillPassPage" });
export type ApiBackfillPassPage = z.infer<typeof ApiBackfillPassPageSchema>;
