import { and, desc, eq, lt } from "drizzle-orm";
import { type Executor, orm } from "../db.ts";
import { auditLog } from "../schema/audit-log.ts";

export type AuditRow = typeof auditLog.$inferSelect;

export interface AuditArgs {
  actor: string;
  action: string;
  targetUserId?: string | null;
  /** Ids, counts, reasons: never health payloads or secrets. */
  details?: Record<string, unknown> | null;
  at?: Date;
}

export async function audit(ex: Executor, args: AuditArgs): Promise<number> {
  const r = await orm(ex)
    .insert(auditLog)
    .values({
      actor: args.actor,
      action: args.action,
      targetUserId: args.targetUserId ?? null,
      details: args.details ?? null,
      at: args.at ?? new Date(),
    })
    .returning({ id: auditLog.id });
  return r[0]!.id;
}

export async function listAudit(
  ex: Executor,
  args: { targetUserId?: string; cursor?: number | null; limit?: number } = {},
): Promise<{ items: AuditRow[]; nextCursor: number | null }> {
  const limit = Math.min(Math.max(args.limit ?? 50, 1), 500);
  const items = await orm(ex)
    .select()
    .from(auditLog)
    .where(
      and(
        args.targetUserId ? eq(auditLog.targetUserId, args.targetUserId) : undefined,
        args.cursor != null ? lt(auditLog.id, args.cursor) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(limit + 1);
  const more = items.length > limit;
  const page = more ? items.slice(0, limit) : items;
  return { items: page, nextCursor: more ? (page.at(-1)?.id ?? null) : null };
}
