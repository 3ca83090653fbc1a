// A typed client of the wearables admin API: openapi-fetch over the types generated from the
// admin app's OpenAPI document (`openapi-types.ts`, regenerated with `generate`).
import createClient, { type Client } from "openapi-fetch";
import type { components, paths } from "./openapi-types.ts";

export type { components, paths } from "./openapi-types.ts";
/** Every named body of the API (`Schemas["User"]`, `Schemas["Error"]`, …). */
export type Schemas = components["schemas"];
export type AdminClient = Client<paths>;

export interface AdminClientOptions {
  /** Where the admin API answers, e.g. `https://admin.internal`; `""` for the page's own origin. */
  baseUrl: string;
  /** The bearer token, or a function read on every request (a token that may change or vanish). */
  token?: string | (() => string | null | undefined);
  fetch?: (input: Request) => Promise<Response>;
}

export function createAdminClient(opts: AdminClientOptions): AdminClient {
  const client = createClient<paths>({
    baseUrl: opts.baseUrl.replace(/\/+$/, ""),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  });
  const { token } = opts;
  if (token !== undefined) {
    client.use({
      onRequest({ request }) {
        const t = typeof token === "function" ? token() : token;
        if (t) request.headers.set("authorization", `Bearer ${t}`);
        return request;
      },
    });
  }
  return client;
}

/** A non-2xx answer of the admin API: `code` is what to switch on, `message` is for people. */
export class AdminApiError extends Error {
  readonly status: number;
  readonly code: Schemas["Error"]["error"]["code"] | "network_error" | "unexpected_response";
  readonly requestId: string | null;
  readonly issues: { field: string; message: string }[];
  constructor(status: number, body: unknown) {
    const e = isErrorBody(body) ? body.error : null;
    super(e?.message ?? `the admin API answered ${status}`);
    this.name = "AdminApiError";
    this.status = status;
    this.code = e?.code ?? (status === 0 ? "network_error" : "unexpected_response");
    this.requestId = e?.requestId ?? null;
    this.issues = e?.issues ?? [];
  }
}

function isErrorBody(body: unknown): body is Schemas["Error"] {
  const e = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return typeof e?.code === "string" && typeof e.message === "string";
}

/**
 * The data of an openapi-fetch result, or an AdminApiError: `const users = await unwrap(client.GET("/v1/users"))`.
 * A network failure (no answer at all) is an AdminApiError with status 0.
 */
export async function unwrap<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<NonNullable<T>> {
  let r: { data?: T; error?: unknown; response: Response };
  try {
    r = await call;
  } catch (err) {
    if (err instanceof AdminApiError) throw err;
    throw new AdminApiError(0, { error: { code: "network_error", message: describeNetworkError(err) } });
  }
  if (r.response.ok && r.data !== undefined && r.data !== null) return r.data as NonNullable<T>;
  throw new AdminApiError(r.response.status, r.error);
}

function describeNetworkError(err: unknown): string {
  const name = err instanceof Error ? err.name : "";
  return name === "AbortError" ? "the request was cancelled" : "the admin API could not be reached";
}
