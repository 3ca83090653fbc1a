/**
 * Test double for `fetch` (used by the tests only, not exported): answers from a script,
 * records every call. No network, no real waiting.
 */
export type Step =
  | Response
  | Error
  | "hang"
  | "stall"
  | ((call: RecordedCall) => Response | Promise<Response>);

export interface RecordedCall {
  url: URL;
  method: string;
  headers: Headers;
  body: string | undefined;
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
}

export function problem(status: number, title: string, detail: string, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify({ type: "about:blank", title, detail, instance: "/x" }), {
    status,
    headers: { "content-type": "application/problem+json", ...headers },
  });
}

export function fakeFetch(script: Step[]) {
  const calls: RecordedCall[] = [];
  const steps = [...script];
  const fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const call: RecordedCall = {
      url: new URL(String(input)),
      method: init.method ?? "GET",
      headers: new Headers(init.headers),
      body: typeof init.body === "string" ? init.body : undefined,
    };
    calls.push(call);
    const step = steps.shift();
    if (step === undefined) throw new Error(`fake fetch: unexpected call ${call.method} ${call.url}`);
    if (step === "hang") {
      // Never answers; settles only when the client aborts, as a real fetch does.
      return new Promise((_, reject) => {
        init.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
      });
    }
    // Never answers and ignores the abort signal, like a transport without AbortSignal support.
    if (step === "stall") return new Promise(() => {});
    if (step instanceof Error) throw step;
    if (typeof step === "function") return step(call);
    return step;
  };
  return { fetch: fetch as typeof globalThis.fetch, calls, remaining: () => steps.length };
}

/** A clock whose sleep records the delay and returns at once. */
export function recordingClock(nowMs = Date.UTC(2024, 2, 10, 12, 0, 0)) {
  const delays: number[] = [];
  return {
    delays,
    clock: {
      now: () => nowMs,
      sleep: async (ms: number) => {
        delays.push(ms);
      },
    },
  };
}
