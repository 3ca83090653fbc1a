import type { DataType } from "@wearables/schemas";
import type { WorkerDeps } from "./deps.ts";
import { cover, webhookDoneUncovered } from "./store.ts";

/**
 * Windows asked with `to_webhook=true` are completed by the webhook itself once every expected
 * chunk arrived (storage's settleReference); one that never completes is handed out again when its
 * deadline passes (claimWindows). What remains here: marking their coverage, which the ledger must
 * hold only once all chunks are stored.
 */
export async function coverWebhookWindows(deps: WorkerDeps, userId?: string): Promise<number> {
  const done = await webhookDoneUncovered(deps.db, userId);
  const at = new Date(deps.clock.now());
  for (const w of done) {
    await cover(deps.db, {
      userId: w.userId,
      dataType: w.dataType as DataType,
      range: { start: w.startDate, end: w.endDate },
      fetchedAt: at,
      jobId: w.jobId,
    });
  }
  return done.length;
}
