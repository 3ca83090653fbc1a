import type { TerraUser } from "@wearables/schemas";
import { resolveConfig, type TerraClientOptions } from "./config.ts";
import { type DataQuery, type DataResult, type DataTypeName, getData } from "./data.ts";
import { TerraNotFoundError, TerraResponseError } from "./errors.ts";
import { request } from "./http.ts";
import { parseUser, asRecord as record, requireString, type TerraResult } from "./response.ts";
import { type SubscriptionsPage, subscriptionPages, subscriptions } from "./subscriptions.ts";

export interface WidgetSessionParams {
  /** Providers to offer, e.g. `["WITHINGS"]`; overrides the dashboard selection. */
  providers?: readonly string[];
  language?: string;
  referenceId?: string;
  authSuccessRedirectUrl?: string;
  authFailureRedirectUrl?: string;
}
export interface WidgetSession {
  sessionId: string;
  url: string;
  /** Seconds the widget URL stays valid (Terra: 900). */
  expiresIn: number;
}
export interface AuthenticateParams extends Omit<WidgetSessionParams, "providers"> {
  /** Terra's `resource`, e.g. `"WITHINGS"`. */
  provider: string;
}
export interface AuthenticateResult {
  userId: string;
  authUrl: string;
}
export interface UserInfo {
  user: TerraUser;
  isAuthenticated: boolean | undefined;
  lastPolledAt: string | null | undefined;
  mostRecentDataAt: string | null | undefined;
}
export interface Integrations {
  providers: string[];
  sdkProviders: string[];
}

export interface TerraClient {
  generateWidgetSession(params?: WidgetSessionParams): Promise<TerraResult<WidgetSession>>;
  authenticateUser(params: AuthenticateParams): Promise<TerraResult<AuthenticateResult>>;
  deauthenticateUser(userId: string): Promise<TerraResult<{ status: string }>>;
  userInfo(userId: string): Promise<TerraResult<UserInfo>>;
  /** Every connection registered under a reference id; an unknown reference gives `[]`. */
  userInfoByReference(referenceId: string): Promise<TerraResult<TerraUser[]>>;
  /** One page (zero-based `page`), or every user in one answer when `page` is omitted. */
  subscriptions(opts?: { page?: number; perPage?: number }): Promise<TerraResult<SubscriptionsPage>>;
  /** Walks every page from 0 until `next` is null. */
  subscriptionPages(opts?: {
    perPage?: number;
    maxPages?: number;
  }): AsyncGenerator<TerraResult<SubscriptionsPage>>;
  integrations(): Promise<TerraResult<Integrations>>;
  getData<T extends DataTypeName>(type: T, query: DataQuery<T>): Promise<TerraResult<DataResult<T>>>;
}

function authBody(p: Omit<AuthenticateParams, "provider">): Record<string, string | undefined> {
  return {
    language: p.language,
    reference_id: p.referenceId,
    auth_success_redirect_url: p.authSuccessRedirectUrl,
    auth_failure_redirect_url: p.authFailureRedirectUrl,
  };
}

export function createTerraClient(options: TerraClientOptions): TerraClient {
  const cfg = resolveConfig(options);

  return {
    async generateWidgetSession(params = {}) {
      const path = "/auth/generateWidgetSession";
      const body = { ...authBody(params), providers: params.providers?.join(",") };
      const { json, meta } = await request(cfg, { method: "POST", path, body });
      const o = record(json, path, meta.status);
      if (typeof o.expires_in !== "number") {
        throw new TerraResponseError(`Terra POST ${path}: missing "expires_in"`, {
          endpoint: `POST ${path}`,
          status: meta.status,
        });
      }
      return {
        result: {
          sessionId: requireString(o, "session_id", path, meta.status),
          url: requireString(o, "url", path, meta.status),
          expiresIn: o.expires_in,
        },
        meta,
      };
    },

    async authenticateUser(params) {
      const path = "/auth/authenticateUser";
      const { json, meta } = await request(cfg, {
        method: "POST",
        path,
        query: { resource: params.provider },
        body: authBody(params),
      });
      const o = record(json, path, meta.status);
      return {
        result: {
          userId: requireString(o, "user_id", path, meta.status),
          authUrl: requireString(o, "auth_url", path, meta.status),
        },
        meta,
      };
    },

    async deauthenticateUser(userId) {
      const path = "/auth/deauthenticateUser";
      const { json, meta } = await request(cfg, { method: "DELETE", path, query: { user_id: userId } });
      const o = record(json, path, meta.status);
      return { result: { status: requireString(o, "status", path, meta.status) }, meta };
    },

    async userInfo(userId) {
      const path = "/userInfo";
      const { json, meta } = await request(cfg, { method: "GET", path, query: { user_id: userId } });
      const o = record(json, path, meta.status);
      const user = parseUser(o.user, path, meta.status);
      const raw = o.user as Record<string, unknown>;
      const optString = (v: unknown) => (typeof v === "string" || v === null ? v : undefined);
      return {
        result: {
          user,
          isAuthenticated: typeof o.is_authenticated === "boolean" ? o.is_authenticated : undefined,
          lastPolledAt: optString(raw.last_polled_at),
          mostRecentDataAt: optString(raw.most_recent_data_at),
        },
        meta,
      };
    },

    async userInfoByReference(referenceId) {
      const path = "/userInfo";
      try {
        const { json, meta } = await request(cfg, {
          method: "GET",
          path,
          query: { reference_id: referenceId },
        });
        // Documented as an array; tolerate the single-user object shape as a one-element list.
        const list = Array.isArray(json) ? json : [record(json, path, meta.status).user];
        return { result: list.map((u) => parseUser(u, path, meta.status)), meta };
      } catch (err) {
        if (err instanceof TerraNotFoundError) {
          return {
            result: [],
            meta: { status: 404, reference: undefined, rateLimit: emptyRateLimit, attempts: err.attempts },
          };
        }
        throw err;
      }
    },

    subscriptions: (opts = {}) => subscriptions(cfg, opts),
    subscriptionPages: (opts = {}) => subscriptionPages(cfg, opts),

    async integrations() {
      const path = "/integrations";
      const { json, meta } = await request(cfg, { method: "GET", path });
      const o = record(json, path, meta.status);
      const strings = (v: unknown) =>
        Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
      return { result: { providers: strings(o.providers), sdkProviders: strings(o.sdk_providers) }, meta };
    },

    getData: (type, query) => getData(cfg, type, query),
  };
}

const emptyRateLimit = {
  limit: undefined,
  remaining: undefined,
  resetAfterSeconds: undefined,
  rule: undefined,
};
