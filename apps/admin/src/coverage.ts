import type { ApiCoverage } from "@wearables/schemas";
import { coverageSummary, type Executor } from "@wearables/storage";
import { iso } from "./present.ts";

export async function coverageFor(ex: Executor, userId: string): Promise<ApiCoverage[]> {
  const rows = await coverageSummary(ex, userId);
  return rows.map((r) => ({
    type: r.dataType,
    records: r.records,
    first_date: r.firstDate,
    last_date: r.lastDate,
    days_covered: r.daysCovered,
    last_received_at: iso(r.lastReceivedAt),
  }));
}
