import type { IngestConfig } from "@wearables/ingest";
import type { RequestVariables } from "@wearables/service-kit/http";
import type { Db } from "@wearables/storage";
import type { TerraClient } from "@wearables/terra-client";
import type { Logger } from "pino";

export type Role = "read" | "admin";

export interface AdminToken {
  name: string;
  role: Role;
  token: string;
}

export interface Clock {
  now(): Date;
}

/**
 * The part of the Terra client the admin API uses: narrow, so tests can pass the sandbox-backed
 * client or a recording double without implementing every endpoint.
 */
export type TerraPort = Pick<
  TerraClient,
  "generateWidgetSession" | "authenticateUser" | "deauthenticateUser"
>;

/**
 * A records page's default byte budget: 4 MiB of documents. A page of 500 days of body data with
 * every sample was 111 MB (3.3 s); this keeps one answer to a few MB, the client follows
 * `next_cursor` as for any other page.
 */
export const DEFAULT_PAGE_MAX_BYTES = 4 * 1024 * 1024;

export interface AppDeps {
  db: Db;
  terra: TerraPort;
  logger: Logger;
  clock: Clock;
  tokens: AdminToken[];
  /** What a replay applies (DATA_TYPES, field selection); default: every type, whole records. */
  ingest?: IngestConfig;
  /** Byte budget of a records page (`GET /v1/users/{id}/{type}`); default DEFAULT_PAGE_MAX_BYTES. */
  pageMaxBytes?: number;
  /** The dashboard's built files, served at /dashboard/ (`resolveDashboardDir`); null or absent: not served. */
  dashboardDir?: string | null;
  /** build_info's version in /metrics. */
  version?: string;
  /** Process, event-loop and GC metrics in /metrics (process-wide: the entry point's choice, off in tests). */
  defaultMetrics?: boolean;
}

/** The service kit's request context (`requestId`, `log`) and the presented token. */
export interface AppEnv {
  Variables: RequestVariables & { token: { name: string; role: Role } };
}
