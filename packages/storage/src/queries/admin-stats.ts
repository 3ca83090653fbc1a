// Read-only aggregates for the admin API's stats route. Additive: no table or index of its own.
import { sql } from "drizzle-orm";
import { type Executor, rows } from "../db.ts";

export interface DeliveryCount {
  /** UTC day of receipt, YYYY-MM-DD. */
  day: string;
  type: string;
  /** The event's status now (processed, partial, failed, ignored, pending, received). */
  outcome: string;
  count: number;
}

/** Inbox deliveries per UTC day of receipt, event type and status, from `since` on. */
export async function deliveryStats(ex: Executor, args: { since: Date }): Promise<DeliveryCount[]> {
  const r = await rows<{ day: string; type: string; outcome: string; count: string | number }>(
    ex,
    // A delivery not processed yet has no type: it is counted as "(unprocessed)".
    sql`select to_char(received_at at time zone 'UTC', 'YYYY-MM-DD') as day, coalesce(type, '(unprocessed)') as type, status as outcome,
          count(*) as count
        from webhook_events
        where received_at >= ${args.since.toISOString()}::timestamptz
        group by 1, 2, 3
        order by 1, 2, 3`,
  );
  return r.map((x) => ({ day: x.day, type: x.type, outcome: x.outcome, count: Number(x.count) }));
}

export async function connectionStatusCounts(ex: Executor): Promise<{ status: string; count: number }[]> {
  const r = await rows<{ status: string; count: string | number }>(
    ex,
    sql`select status, count(*) as count from terra_users group by status order by status`,
  );
  return r.map((x) => ({ status: x.status, count: Number(x.count) }));
}

export async function failedEventCount(ex: Executor): Promise<number> {
  const r = await rows<{ count: string | number }>(
    ex,
    sql`select count(*) as count from webhook_events where status = 'failed'`,
  );
  return Number(r[0]?.count ?? 0);
}

/** Receipt time of the newest delivery in the inbox (the received_at index's last entry), or null. */
export async function lastDeliveryAt(ex: Executor): Promise<Date | null> {
  const r = await rows<{ at: string | Date | null }>(
    ex,
    sql`select max(received_at) as at from webhook_events`,
  );
  const at = r[0]?.at;
  return at ? new Date(at) : null;
}
