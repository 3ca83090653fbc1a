import { createHash } from "node:crypto";
import {
  backfillErasedDigests,
  listConnections,
  setConnectionStatus,
  upsertConnection,
} from "@wearables/storage";
import type { WorkerDeps } from "./deps.ts";

export interface ReconcileResult {
  /** Users Terra holds that we did not (a lost `auth` webhook): added as active. Never an erased one. */
  added: string[];
  /** Users we held as active that Terra no longer lists: marked, never fetched again. */
  markedGone: string[];
  terraUsers: number;
  /** HTTP calls made to Terra (pages, retries included). */
  requests: number;
}

export const GONE_REASON = "absent from Terra /subscriptions";

/** Every connection id we hold, whatever its status (paged). */
async function knownConnections(deps: WorkerDeps): Promise<Map<string, string>> {
  const known = new Map<string, string>();
  let cursor: string | null = null;
  for (let i = 0; i < 100_000; i++) {
    const page = await listConnections(deps.db, { cursor, limit: 500 });
    for (const c of page.items) known.set(c.userId, c.status);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return known;
}

/**
 * Terra's `/subscriptions` decides who exists, not the webhooks: a lost `auth` event must not leave
 * a user without history, and a lost `deauth` must not keep us asking for a gone user.
 */
export async function reconcileConnections(deps: WorkerDeps): Promise<ReconcileResult> {
  const log = deps.logger.child({ module: "reconcile" });
  const terra = new Map<string, { provider: string; referenceId: string | null; scopes: string | null }>();
  let requests = 0;
  for await (const page of deps.terra.subscriptionPages({ perPage: 500 })) {
    requests += page.meta.attempts;
    for (const u of page.result.users) {
      terra.set(u.user_id, {
        provider: u.provider ?? "UNKNOWN",
        referenceId: u.reference_id ?? null,
        scopes: u.scopes ?? null,
      });
    }
  }
  const known = await knownConnections(deps);
  const at = new Date(deps.clock.now());
  const added: string[] = [];
  const unknown = [...terra.keys()].filter((id) => !known.has(id));
  const digest = (id: string) => createHash("sha256").update(id).digest("hex");
  const erased = await backfillErasedDigests(deps.db, unknown.map(digest));
  for (const userId of unknown) {
    // A user we erased stays erased even if Terra still lists them (their deauth may have failed).
    if (erased.has(digest(userId))) continue;
    const u = terra.get(userId)!;
    await upsertConnection(deps.db, { ...u, userId, status: "active", connected: true, at });
    added.push(userId);
  }
  const markedGone: string[] = [];
  const active = [...known].filter(([, status]) => status === "active").map(([id]) => id);
  if (terra.size === 0 && active.length > 0) {
    // An empty list while we hold users is more likely a wrong dev id than everyone leaving.
    log.warn({ active: active.length }, "Terra lists no users; marking none as gone");
  } else {
    for (const userId of active) {
      if (terra.has(userId)) continue;
      await setConnectionStatus(deps.db, { userId, status: "revoked", reason: GONE_REASON, at });
      markedGone.push(userId);
    }
  }
  if (added.length || markedGone.length) {
    log.info({ added: added.length, markedGone: markedGone.length }, "connections reconciled with Terra");
  }
  return { added, markedGone, terraUsers: terra.size, requests };
}
