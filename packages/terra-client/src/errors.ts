import { TerraErrorBodySchema, terraErrorMessage } from "@wearables/schemas";

export type RateLimitRule = "r1" | "r2";

export interface TerraErrorInit {
  status?: number;
  /** Method and path without query string (no user ids, never credentials). */
  endpoint: string;
  /** Parsed error body as Terra sent it (`{status,message}` or problem+json); never a data payload. */
  body?: unknown;
  attempts?: number;
  cause?: unknown;
}

/** Base of every error the client throws; `status` is absent for time-outs and network errors. */
export class TerraError extends Error {
  readonly status: number | undefined;
  readonly endpoint: string;
  readonly body: unknown;
  /** How many HTTP attempts were made before giving up (1 when not retried). */
  attempts: number;

  constructor(message: string, init: TerraErrorInit) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = new.target.name;
    this.status = init.status;
    this.endpoint = init.endpoint;
    this.body = init.body;
    this.attempts = init.attempts ?? 1;
  }
}

/** 400: malformed parameters (e.g. an invalid start_date). */
export class TerraBadRequestError extends TerraError {}
/** 401 (or 403): missing or wrong `dev-id` / `x-api-key`. */
export class TerraAuthError extends TerraError {}
/** 404: unknown user or resource. */
export class TerraNotFoundError extends TerraError {}
/** 5xx after the retries ran out. */
export class TerraServerError extends TerraError {}
/** The attempt exceeded `timeoutMs` (the request was aborted). */
export class TerraTimeoutError extends TerraError {
  readonly timeoutMs: number;
  constructor(message: string, init: TerraErrorInit & { timeoutMs: number }) {
    super(message, init);
    this.timeoutMs = init.timeoutMs;
  }
}
/** fetch itself failed: DNS, refused connection, reset, truncated body stream. */
export class TerraNetworkError extends TerraError {}
/** A 2xx whose body is not JSON or not the documented shape. */
export class TerraResponseError extends TerraError {}

/** 429. `rule` from `X-Terra-RateLimit-Rule`; `retryAfterSeconds` from `Retry-After` (r2). */
export class TerraRateLimitError extends TerraError {
  readonly rule: RateLimitRule | undefined;
  readonly retryAfterSeconds: number | undefined;
  constructor(
    message: string,
    init: TerraErrorInit & { rule: RateLimitRule | undefined; retryAfterSeconds: number | undefined },
  ) {
    super(message, init);
    this.rule = init.rule;
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

function field(body: unknown, key: string): string | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const v = (body as Record<string, unknown>)[key];
  return typeof v === "string" && v.trim() !== "" ? v : undefined;
}

/** The human message of either error shape: `{status,message}`, problem+json, or `{detail}`. */
export function errorMessageOf(body: unknown): string | undefined {
  const parsed = TerraErrorBodySchema.safeParse(body);
  const message = parsed.success ? terraErrorMessage(parsed.data).trim() : "";
  // A problem+json without `detail` still has a `title` worth showing.
  return message !== "" ? message : field(body, "title");
}

export interface ErrorResponseInfo {
  status: number;
  endpoint: string;
  body: unknown;
  rule: string | null;
  retryAfterSeconds: number | undefined;
}

/** Map an HTTP error answer to its typed error. */
export function errorFromResponse(info: ErrorResponseInfo): TerraError {
  const { status, endpoint, body } = info;
  const detail = errorMessageOf(body) ?? `HTTP ${status}`;
  const message = `Terra ${endpoint} answered ${status}: ${detail}`;
  const init = { status, endpoint, body };
  if (status === 429) {
    const rule = info.rule === "r1" || info.rule === "r2" ? info.rule : undefined;
    return new TerraRateLimitError(message, { ...init, rule, retryAfterSeconds: info.retryAfterSeconds });
  }
  if (status === 400) return new TerraBadRequestError(message, init);
  if (status === 401 || status === 403) return new TerraAuthError(message, init);
  if (status === 404) return new TerraNotFoundError(message, init);
  if (status >= 500) return new TerraServerError(message, init);
  return new TerraError(message, init);
}
