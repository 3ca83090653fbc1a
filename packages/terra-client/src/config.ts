import { type BackoffOptions, type Clock, type HttpConfig, systemClock } from "./http.ts";

export const DEFAULT_BASE_URL = "https://api.tryterra.co/v2";

export interface TerraClientOptions {
  devId: string;
  apiKey: string;
  /** Default `https://api.tryterra.co/v2` (Terra's 2026 spec names access.tryterra.co/api/v2). */
  baseUrl?: string;
  fetch?: typeof fetch;
  clock?: Partial<Clock>;
  /** Per attempt, including reading the body. Default 60 s (sync data calls can take ~30 s). */
  timeoutMs?: number;
  /** Extra attempts after the first, on 429 (not r1), 5xx, time-outs and network errors. Default 3. */
  retries?: number;
  backoff?: BackoffOptions;
}

export function resolveConfig(options: TerraClientOptions): HttpConfig {
  if (!options.devId || !options.apiKey)
    throw new TypeError("createTerraClient: devId and apiKey are required");
  const b = options.backoff ?? {};
  return {
    devId: options.devId,
    apiKey: options.apiKey,
    baseUrl: options.baseUrl ?? DEFAULT_BASE_URL,
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    clock: { ...systemClock, ...options.clock },
    timeoutMs: options.timeoutMs ?? 60_000,
    retries: Math.max(0, options.retries ?? 3),
    backoff: {
      baseMs: b.baseMs ?? 500,
      maxMs: b.maxMs ?? 30_000,
      maxServerDelayMs: b.maxServerDelayMs ?? 60_000,
      random: b.random ?? Math.random,
    },
  };
}
