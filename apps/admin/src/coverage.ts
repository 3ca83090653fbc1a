import type { ApiCoverage } from "@wearables/schemas";
import { coverageSummary, type Executor, recordStats } from "@wearables/storage";

/** Records stored (from the type tables) joined with the fetch ledger, one entry per type with either. */
export async function coverageFor(ex: Executor, userId: string): Promise<ApiCoverage[]> {
  const [stats, ledger] = await Promise.all([recordStats(ex, userId), coverageSummary(ex, userId)]);
  const types = [...new Set([...stats.map((s) => s.type as string), ...ledger.map((l) => l.type)])].sort();
  return types.map((type) => {
    const s = stats.find((x) => x.type === type);
    const l = ledger.find((x) => x.type === type);
    return {
      type,
      records: s?.records ?? 0,
      first_date: s?.firstDate ?? null,
      last_date: s?.lastDate ?? null,
      last_received_at: s?.lastReceivedAt?.toISOString() ?? null,
      days_covered: l?.days ?? 0,
      ranges: (l?.ranges ?? []).map((r) => ({
        start_date: r.start,
        end_date: r.end,
        source: r.source,
        fetched_at: r.fetchedAt.toISOString(),
      })),
    };
  });
}
