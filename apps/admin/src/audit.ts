import { audit, type Executor } from "@wearables/storage";
import type { Context } from "hono";
import type { AppEnv } from "./deps.ts";

/**
 * Records one write in the audit log: which token (by name), what, on whom. Details carry ids and
 * parameters, never health data.
 */
export async function auditWrite(
  ex: Executor,
  c: Context<AppEnv>,
  action: string,
  targetUserId: string | null,
  details: Record<string, unknown> = {},
): Promise<void> {
  await audit(ex, {
    actor: `token:${c.get("token").name}`,
    action,
    targetUserId,
    details: { ...details, requestId: c.get("requestId") },
  });
}
