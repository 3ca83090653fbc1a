// Test harness (imported by *.test.ts only): the real app on a fresh database, with the real Terra
// client pointed at a small in-memory Terra that records what it was asked.

import { createLogger, type Logger } from "@wearables/service-kit";
import type { Db } from "@wearables/storage";
import { testDb } from "@wearables/storage/testing";
import { createTerraClient } from "@wearables/terra-client";
import pino from "pino";
import { createApp } from "./app.ts";
import type { AdminToken } from "./deps.ts";

export const ADMIN_TOKEN = "admin-token-0123456789abcdef";
export const READ_TOKEN = "read-token-0123456789abcdef";
export const TOKENS: AdminToken[] = [
  { name: "ops", role: "admin", token: ADMIN_TOKEN },
  { name: "viewer", role: "read", token: READ_TOKEN },
];

export interface FakeTerra {
  calls: { method: string; path: string; query: Record<string, string>; body: unknown }[];
  /** Terra user ids Terra still knows (deauthenticating another one answers 404). */
  known: Set<string>;
  /** When set, every call answers with this status. */
  failWith: number | null;
  fetch: typeof fetch;
}

export function fakeTerra(): FakeTerra {
  const state: FakeTerra = {
    calls: [],
    known: new Set(),
    failWith: null,
    fetch: async (input, init) => {
      const url = new URL(String(input instanceof Request ? input.url : input));
      const path = url.pathname.replace(/^\/v2/, "");
      const body = init?.body ? JSON.parse(String(init.body)) : null;
      state.calls.push({
        method: init?.method ?? "GET",
        path,
        query: Object.fromEntries(url.searchParams),
        body,
      });
      const reply = (status: number, json: unknown) =>
        new Response(JSON.stringify(json), { status, headers: { "content-type": "application/json" } });
      if (state.failWith !== null)
        return reply(state.failWith, { status: "error", message: "induced failure" });
      if (path === "/auth/generateWidgetSession") {
        return reply(200, {
          status: "success",
          session_id: "sess-1",
          url: "https://widget.example/session/sess-1",
          expires_in: 900,
        });
      }
      if (path === "/auth/authenticateUser") {
        const userId = `u-link-${state.calls.length}`;
        state.known.add(userId);
        return reply(200, { status: "success", user_id: userId, auth_url: `https://auth.example/${userId}` });
      }
      if (path === "/auth/deauthenticateUser") {
        const id = url.searchParams.get("user_id") ?? "";
        if (!state.known.delete(id)) return reply(404, { status: "error", message: "user not found" });
        return reply(200, { status: "success" });
      }
      return reply(404, { status: "error", message: "no such endpoint" });
    },
  };
  return state;
}

export interface Harness {
  db: Db;
  terra: FakeTerra;
  app: ReturnType<typeof createApp>;
  /** app.request with a bearer token (admin unless told) and JSON bodies. */
  call(method: string, path: string, opts?: { token?: string | null; body?: unknown }): Promise<Response>;
  close(): Promise<void>;
}

/** Captures log lines, as parsed objects and as written, through the services' own logger. */
export function captureLogger(): { logger: Logger; lines: Record<string, unknown>[]; raw: string[] } {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const logger = createLogger({
    service: "admin",
    level: "info",
    destination: {
      write: (s: string) => {
        raw.push(s);
        lines.push(JSON.parse(s));
      },
    },
  });
  return { logger, lines, raw };
}

/** `terraFetch` replaces the in-memory Terra (e.g. with the sandbox's app). */
export async function harness(
  opts: { terraFetch?: typeof fetch; logger?: Logger; pageMaxBytes?: number } = {},
): Promise<Harness> {
  const db = await testDb();
  const terra = fakeTerra();
  const client = createTerraClient({
    devId: "dev",
    apiKey: "key",
    baseUrl: "https://terra.test/v2",
    fetch: opts.terraFetch ?? terra.fetch,
    retries: 0,
  });
  const app = createApp({
    db,
    terra: client,
    logger: opts.logger ?? pino({ level: "silent" }),
    clock: { now: () => new Date() },
    tokens: TOKENS,
    pageMaxBytes: opts.pageMaxBytes,
  });
  return {
    db,
    terra,
    app,
    call: (method, path, opts = {}) => {
      const headers: Record<string, string> = {};
      const token = opts.token === undefined ? ADMIN_TOKEN : opts.token;
      if (token !== null) headers.authorization = `Bearer ${token}`;
      if (opts.body !== undefined) headers["content-type"] = "application/json";
      return Promise.resolve(
        app.request(path, {
          method,
          headers,
          body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
        }),
      );
    },
    close: () => db.close(),
  };
}

// biome-ignore lint/suspicious/noExplicitAny: test bodies are asserted field by field
export type Json = any;
export const json = (res: Response): Promise<Json> => res.json();
