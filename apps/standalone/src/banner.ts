import type { AdminToken } from "@wearables/admin";
import { redactUrl } from "@wearables/service-kit";

export interface BannerInput {
  mode: "sandbox" | "terra";
  sandboxUsers: number;
  urls: { webhook: string; admin: string; docs: string; dashboard: string | null; sandbox: string | null };
  db: { kind: "pglite" | "postgres"; url: string };
  token: AdminToken;
  /** The token came from ADMIN_TOKENS: show its name only. A local one is shown, to be used. */
  tokenFromEnv: boolean;
  backfillEvery: string;
}

/**
 * What `pnpm start` prints once it runs. The database URL goes through redactUrl (a password
 * given as userinfo or as `?password=` is never shown); a token from ADMIN_TOKENS is named, not
 * shown. The local token (made for this checkout, kept in .data/admin-token) is printed on purpose:
 * it is how a newcomer reaches the admin API.
 */
export function startBanner(b: BannerInput): string {
  const lines = [
    b.mode === "sandbox"
      ? `wearables is running in SANDBOX MODE: no TERRA_API_KEY is set, so a local Terra sandbox with ${b.sandboxUsers} synthetic Withings users posts signed webhooks and answers the backfill. Set TERRA_API_KEY, TERRA_DEV_ID and TERRA_WEBHOOK_SECRET to run against Terra.`
      : "wearables is running against Terra.",
    `  webhook     POST ${b.urls.webhook}`,
    `  admin API   ${b.urls.admin}/v1/users   (reference: ${b.urls.docs})`,
    b.urls.dashboard
      ? `  dashboard   ${b.urls.dashboard}   (log in with the admin token below)`
      : "  dashboard   not built: pnpm --filter @wearables/dashboard build",
    `  admin token ${b.tokenFromEnv ? `${b.token.name} (from ADMIN_TOKENS)` : `${b.token.token}   (kept in .data/admin-token)`}`,
    // Copy-pasteable with the local token; a token from ADMIN_TOKENS is named, never printed.
    `  try         curl -H "Authorization: Bearer ${b.tokenFromEnv ? `<the token named ${b.token.name} in ADMIN_TOKENS>` : b.token.token}" ${b.urls.admin}/v1/users`,
    `  metrics     ${b.urls.webhook.replace(/\/webhooks\/terra$/, "")}/metrics, ${b.urls.admin}/metrics`,
    b.urls.sandbox ? `  sandbox     ${b.urls.sandbox}` : null,
    `  database    ${b.db.kind === "pglite" ? "embedded PGlite" : "PostgreSQL"} (${redactUrl(b.db.url)})`,
    `  backfill    a pass now, then "${b.backfillEvery}"`,
    "Ctrl-C stops.",
  ];
  return `${lines.filter(Boolean).join("\n")}\n`;
}
