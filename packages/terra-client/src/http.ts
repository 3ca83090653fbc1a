import {
  errorFromResponse,
  TerraError,
  TerraNetworkError,
  TerraRateLimitError,
  TerraResponseError,
  TerraServerError,
  TerraTimeoutError,
} from "./errors.ts";

export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface BackoffOptions {
  /** First backoff ceiling; doubles per attempt (full jitter draws uniformly below it). */
  baseMs?: number;
  /** Ceiling of the exponential backoff. */
  maxMs?: number;
  /**
   * Longest server-requested wait (Retry-After, X-Terra-RateLimit-Reset-After) the client
   * sleeps through; beyond it the error is thrown at once with `retryAfterSeconds`, so a
   * caller such as the backfill can reschedule instead of holding a worker for an hour.
   */
  maxServerDelayMs?: number;
  /** Uniform [0,1) source for the jitter; injectable for tests. */
  random?: () => number;
}

export interface RateLimitInfo {
  limit: number | undefined;
  remaining: number | undefined;
  resetAfterSeconds: number | undefined;
  rule: string | undefined;
}

/** Response headers that matter, returned next to every result. */
export interface ResponseMeta {
  status: number;
  /** `terra-reference`: ties a to_webhook request to the deliveries that follow. */
  reference: string | undefined;
  rateLimit: RateLimitInfo;
  /** HTTP attempts this call took (1 when not retried). */
  attempts: number;
}

export interface HttpConfig {
  devId: string;
  apiKey: string;
  baseUrl: string;
  fetch: typeof fetch;
  clock: Clock;
  timeoutMs: number;
  retries: number;
  backoff: Required<BackoffOptions>;
}

export interface RequestSpec {
  method: "GET" | "POST" | "DELETE";
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
}

function numberHeader(headers: Headers, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === "") return undefined;
  const n = Number(raw);
  return Number.isFinite(n) ? n : undefined;
}

/** `Retry-After` as seconds: delta-seconds or an HTTP date (relative to the injected clock). */
export function parseRetryAfter(raw: string | null, nowMs: number): number | undefined {
  if (raw === null || raw.trim() === "") return undefined;
  const trimmed = raw.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, (at - nowMs) / 1000);
}

export function rateLimitOf(headers: Headers): RateLimitInfo {
  return {
    limit: numberHeader(headers, "x-terra-ratelimit-limit"),
    remaining: numberHeader(headers, "x-terra-ratelimit-remaining"),
    resetAfterSeconds: numberHeader(headers, "x-terra-ratelimit-reset-after"),
    rule: headers.get("x-terra-ratelimit-rule") ?? undefined,
  };
}

function buildUrl(baseUrl: string, spec: RequestSpec): string {
  const url = new URL(baseUrl.replace(/\/+$/, "") + spec.path);
  for (const [k, v] of Object.entries(spec.query ?? {})) {
    if (v !== undefined) url.searchParams.set(k, String(v));
  }
  return url.toString();
}

function isRetryable(err: TerraError): boolean {
  if (err instanceof TerraRateLimitError) return err.rule !== "r1"; // r1: the window itself is too long
  return (
    err instanceof TerraServerError ||
    err instanceof TerraNetworkError ||
    err instanceof TerraTimeoutError ||
    // Inside request() this only means a 2xx body that is not JSON: most likely truncated in
    // transit. Shape errors are raised by the caller after request() and are never retried.
    err instanceof TerraResponseError
  );
}

interface Attempt {
  status: number;
  headers: Headers;
  json: unknown;
}

class AttemptTimedOut extends Error {}

async function attemptOnce(cfg: HttpConfig, spec: RequestSpec, endpoint: string): Promise<Attempt> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Abort for fetch implementations that honour the signal, and race for those that do not
  // (an in-process app.request, a custom transport): the time-out holds either way.
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(new AttemptTimedOut());
    }, cfg.timeoutMs);
  });
  deadline.catch(() => {});
  const headers: Record<string, string> = {
    "dev-id": cfg.devId,
    "x-api-key": cfg.apiKey,
    accept: "application/json",
  };
  if (spec.body !== undefined) headers["content-type"] = "application/json";
  try {
    const res = await Promise.race([
      cfg.fetch(buildUrl(cfg.baseUrl, spec), {
        method: spec.method,
        headers,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        signal: controller.signal,
      }),
      deadline,
    ]);
    // The deadline covers the body too: a server that stalls mid-body still times out.
    const text = await Promise.race([res.text(), deadline]);
    let json: unknown;
    let parsed = text.trim() !== "";
    if (parsed) {
      try {
        json = JSON.parse(text);
      } catch {
        parsed = false;
      }
    }
    if (res.ok && !parsed) {
      throw new TerraResponseError(`Terra ${endpoint} answered ${res.status} with a body that is not JSON`, {
        status: res.status,
        endpoint,
      });
    }
    return { status: res.status, headers: res.headers, json };
  } catch (err) {
    if (err instanceof TerraError) throw err;
    if (err instanceof AttemptTimedOut || controller.signal.aborted) {
      throw new TerraTimeoutError(`Terra ${endpoint} timed out after ${cfg.timeoutMs} ms`, {
        endpoint,
        timeoutMs: cfg.timeoutMs,
      });
    }
    const reason = err instanceof Error ? err.message : String(err);
    throw new TerraNetworkError(`Terra ${endpoint} failed: ${reason}`, { endpoint, cause: err });
  } finally {
    clearTimeout(timer);
  }
}

/** One logical call: headers, time-out per attempt, retries with backoff and full jitter. */
export async function request(
  cfg: HttpConfig,
  spec: RequestSpec,
): Promise<{ json: unknown; meta: ResponseMeta }> {
  const endpoint = `${spec.method} ${spec.path}`;
  for (let attempt = 0; ; attempt++) {
    let error: TerraError;
    let serverDelaySeconds: number | undefined;
    try {
      const res = await attemptOnce(cfg, spec, endpoint);
      if (res.status >= 200 && res.status < 300) {
        const meta: ResponseMeta = {
          status: res.status,
          reference: res.headers.get("terra-reference") ?? undefined,
          rateLimit: rateLimitOf(res.headers),
          attempts: attempt + 1,
        };
        return { json: res.json, meta };
      }
      const retryAfter = parseRetryAfter(res.headers.get("retry-after"), cfg.clock.now());
      const resetAfter = numberHeader(res.headers, "x-terra-ratelimit-reset-after");
      serverDelaySeconds = retryAfter ?? (res.status === 429 ? resetAfter : undefined);
      error = errorFromResponse({
        status: res.status,
        endpoint,
        body: res.json,
        rule: res.headers.get("x-terra-ratelimit-rule"),
        retryAfterSeconds: retryAfter ?? resetAfter,
      });
    } catch (err) {
      if (!(err instanceof TerraError)) throw err;
      error = err;
    }
    error.attempts = attempt + 1;
    if (attempt >= cfg.retries || !isRetryable(error)) throw error;
    let delayMs: number;
    if (serverDelaySeconds !== undefined) {
      delayMs = serverDelaySeconds * 1000;
      if (delayMs > cfg.backoff.maxServerDelayMs) throw error;
    } else {
      delayMs = cfg.backoff.random() * Math.min(cfg.backoff.maxMs, cfg.backoff.baseMs * 2 ** attempt);
    }
    await cfg.clock.sleep(delayMs);
  }
}
