import { createSandbox, type Sandbox, type SandboxOptions } from "./sandbox.ts";

/** A delivery as a receiver saw it: lower-cased headers and the raw body. */
export interface Received {
  url: string;
  headers: Record<string, string>;
  body: string;
  json: Record<string, unknown>;
}

/**
 * A fake receiver for the sender's `fetch`: records every request and answers with `respond`
 * (default 200). Never touches the network.
 */
export function fakeReceiver(respond: (r: Received, index: number) => number | Error = () => 200) {
  const received: Received[] = [];
  const fetchFn = (async (url: string | URL | Request, init?: RequestInit) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries((init?.headers ?? {}) as Record<string, string>))
      headers[k.toLowerCase()] = v;
    const body = String(init?.body ?? "");
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(body) as Record<string, unknown>;
    } catch {
      // truncated bodies stay unparsed
    }
    const r = { url: String(url), headers, body, json };
    received.push(r);
    const status = respond(r, received.length - 1);
    if (status instanceof Error) throw status;
    return new Response(null, { status });
  }) as typeof fetch;
  return { received, fetch: fetchFn };
}

export const FIXED_NOW = Date.parse("2026-11-25T07:00:00Z");
export const AUTH = { "dev-id": "dev-test", "x-api-key": "key-test" } as const;

export function testSandbox(overrides: Partial<SandboxOptions> = {}): { sb: Sandbox; received: Received[] } {
  const rx = fakeReceiver();
  const sb = createSandbox({
    devId: AUTH["dev-id"],
    apiKey: AUTH["x-api-key"],
    users: 3,
    seed: "test-seed",
    now: () => FIXED_NOW,
    webhookUrl: "http://receiver.test/webhooks/terra",
    webhookSecret: "whsec-test",
    fetch: rx.fetch,
    timeScale: 0,
    ...overrides,
  });
  return { sb, received: rx.received };
}
