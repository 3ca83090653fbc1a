import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { createSandboxApp } from "./app.ts";
import { createCore, type RestFaults, type SandboxCore } from "./core.ts";
import {
  accessRevokedEvent,
  authCancelledEvent,
  authSuccessEvent,
  connectionErrorEvent,
  dataEvent,
  deauthEvent,
  healthcheckEvent,
  permissionChangeEvent,
  userReauthEvent,
} from "./events.ts";
import { recordsForRange, type SandboxDataType, type TerraDoc } from "./generator/index.ts";
import { createLive, type LiveMode } from "./live.ts";
import { connectNewUser } from "./routes/auth.ts";
import {
  createWebhookSender,
  type Delivery,
  type DeliveryFault,
  type SendOptions,
  type WebhookSender,
} from "./sender.ts";
import { createState, type SandboxState } from "./state.ts";
import { utcTimestamp } from "./time.ts";
import { makeUser, type SandboxUser } from "./users.ts";

export interface SandboxOptions {
  devId: string;
  apiKey: string;
  /** Where events are posted; without it nothing is sent (REST still works). */
  webhookUrl?: string;
  webhookSecret?: string;
  /** How many seeded users exist from the start. */
  users: number;
  seed: string | number;
  /** Epoch ms clock (default Date.now). */
  now?: () => number;
  /** fetch used by the webhook sender (default global fetch). */
  fetch?: typeof fetch;
  /** Scales webhook retry delays (1 = Terra's 30 s doubling). */
  timeScale?: number;
  faults?: RestFaults & {
    /** Random per-delivery webhook faults. */
    webhook?: Partial<Record<DeliveryFault, number>>;
  };
  /** Whether live pushes include samples (Terra's destination toggle). Default false. */
  pushSamples?: boolean;
  /** Webhook attempts per delivery (Terra: 10). */
  maxAttempts?: number;
  /**
   * "ping": Terra's ping mode, every event becomes an `s3_payload` whose URL serves the real
   * event for 300 s at `<payloadBaseUrl>/_s3/<id>.json` (default: the `listen()` URL, or
   * `http://sandbox.test` before it).
   */
  deliveryMode?: "push" | "ping";
  payloadBaseUrl?: string;
}

export interface Sandbox {
  app: Hono;
  state: SandboxState;
  /** null when no webhookUrl was given. */
  sender: WebhookSender | null;
  /** Current connections (seeded and created), by user id. */
  readonly users: SandboxUser[];
  /** The generator bound to this sandbox's seed and clock. */
  generator: {
    records(
      userId: string,
      type: SandboxDataType,
      start: string,
      end: string,
      opts?: { withSamples?: boolean; asOfMs?: number },
    ): TerraDoc[];
  };
  /** What the REST API (to_webhook=false) returns for that window, now: for record-by-record comparisons. */
  expectedRecords(
    userId: string,
    type: SandboxDataType,
    start: string,
    end: string,
    opts?: { withSamples?: boolean },
  ): TerraDoc[];
  /** Lifecycle events on demand. */
  triggers: {
    connect(referenceId?: string | null): SandboxUser;
    deauth(userId: string): void;
    /** New user id for the same person; the old id disappears. Posts user_reauth then auth. */
    reauth(userId: string): SandboxUser;
    accessRevoked(userId: string): void;
    connectionError(userId: string): void;
    permissionChange(userId: string, scopesAdded: string, scopesRemoved: string): void;
    /** Next `times` data requests for this user answer `processing`. */
    processing(userId: string, retryAfterSeconds: number, times?: number): void;
    /** Post the seeded users' `auth` events. */
    announceUsers(): void;
    /** A user refused consent in the widget: `auth_cancelled`, and no user is created. */
    authCancelled(referenceId?: string | null, reason?: string): Delivery | null;
    /** Post Terra's informational `healthcheck` (no user, no data). */
    healthcheck(): Delivery | null;
    /**
     * Push one data event for local dates `start`..`end` as of `asOfMs` (default now), e.g. an
     * older and a newer copy of the same Daily; `fault`, `orderingTs`, `reference` go to the sender.
     */
    push(
      userId: string,
      type: SandboxDataType,
      start: string,
      end?: string,
      opts?: { asOfMs?: number; withSamples?: boolean } & SendOptions,
    ): Delivery | null;
  };
  live: LiveMode;
  /** Wait for background dispatches and every webhook delivery (retries included). */
  flush(): Promise<void>;
  /** Serve on a port (0: any free port). */
  listen(port?: number, hostname?: string): Promise<{ port: number; url: string }>;
  close(): Promise<void>;
  core: SandboxCore;
}

export function createSandbox(options: SandboxOptions): Sandbox {
  const seed = String(options.seed);
  const now = options.now ?? Date.now;
  const state = createState(seed);
  for (let i = 0; i < options.users; i++) state.addSeededUser(i);
  const sender = options.webhookUrl
    ? createWebhookSender({
        url: options.webhookUrl,
        secret: options.webhookSecret ?? "",
        fetch: options.fetch,
        now,
        timeScale: options.timeScale,
        seed,
        devId: options.devId,
        faultRates: options.faults?.webhook,
        maxAttempts: options.maxAttempts,
      })
    : null;
  if (sender && !options.webhookSecret) throw new Error("createSandbox: webhookUrl needs webhookSecret");
  const core = createCore({
    devId: options.devId,
    apiKey: options.apiKey,
    seed,
    now,
    state,
    sender,
    faults: options.faults,
    pushSamples: options.pushSamples,
    deliveryMode: options.deliveryMode,
  });
  if (options.payloadBaseUrl) core.payloadBaseUrl = options.payloadBaseUrl;
  const app = createSandboxApp(core);
  const live = createLive(core);
  let server: ReturnType<typeof serve> | null = null;

  const must = (userId: string): SandboxUser => {
    const u = state.getUser(userId);
    if (!u) throw new Error(`unknown sandbox user ${userId}`);
    return u;
  };
  const records = (
    userId: string,
    type: SandboxDataType,
    start: string,
    end: string,
    opts: { withSamples?: boolean; asOfMs?: number } = {},
  ) =>
    recordsForRange(must(userId).person, type, start, end, {
      withSamples: opts.withSamples ?? false,
      asOfMs: opts.asOfMs ?? now(),
    });

  return {
    app,
    state,
    sender,
    core,
    live,
    get users() {
      return [...state.users.values()];
    },
    generator: { records },
    expectedRecords: (userId, type, start, end, opts = {}) => records(userId, type, start, end, opts),
    triggers: {
      connect(referenceId = null) {
        const u = connectNewUser(core, referenceId);
        core.emit(authSuccessEvent(u));
        return u;
      },
      deauth(userId) {
        const u = must(userId);
        state.users.delete(userId);
        u.active = false;
        core.emit(deauthEvent(u));
      },
      reauth(userId) {
        const old = must(userId);
        const fresh = makeUser(seed, old.person, state.nextGeneration(old.person), utcTimestamp(now()));
        fresh.reference_id = old.reference_id;
        state.users.delete(userId);
        state.users.set(fresh.user_id, fresh);
        core.emit(userReauthEvent(old, fresh));
        core.emit(authSuccessEvent(fresh));
        return fresh;
      },
      accessRevoked: (userId) => void core.emit(accessRevokedEvent(must(userId))),
      connectionError: (userId) => void core.emit(connectionErrorEvent(must(userId))),
      permissionChange: (userId, added, removed) =>
        void core.emit(permissionChangeEvent(must(userId), added, removed)),
      processing(userId, retryAfterSeconds, times = 1) {
        state.processing.set(must(userId).user_id, { retryAfterSeconds, remaining: times });
      },
      announceUsers() {
        for (const u of state.users.values()) core.emit(authSuccessEvent(u));
      },
      authCancelled(referenceId = null, reason = "access_denied") {
        return core.emit(authCancelledEvent(core.rng.uuid(), referenceId, reason), { orderingTs: null });
      },
      healthcheck() {
        const hourAgo = now() - 3600_000;
        const sent = sender ? sender.deliveries.filter((d) => (d.attempts[0]?.at ?? 0) > hourAgo).length : 0;
        return core.emit(healthcheckEvent(now(), sent), { orderingTs: null });
      },
      push(userId, type, start, end = start, opts = {}) {
        const { asOfMs, withSamples, ...send } = opts;
        const docs = records(userId, type, start, end, { asOfMs, withSamples });
        return core.emit(dataEvent(type, must(userId), docs), send);
      },
    },
    async flush() {
      // Dispatches may start deliveries, deliveries finishing never start dispatches: two passes suffice.
      while (core.pending.size > 0) await Promise.all([...core.pending]);
      await sender?.flush();
    },
    listen(port = 0, hostname = "127.0.0.1") {
      return new Promise((resolve, reject) => {
        const s = serve({ fetch: app.fetch, port, hostname }, (info) => {
          if (!options.payloadBaseUrl)
            core.payloadBaseUrl = `http://${hostname === "0.0.0.0" ? "127.0.0.1" : hostname}:${info.port}`;
          resolve({ port: info.port, url: `http://${hostname}:${info.port}` });
        });
        // EADDRINUSE and friends arrive as an 'error' event, not a throw.
        s.once("error", (err) => {
          server = null;
          reject(err);
        });
        server = s;
      });
    },
    async close() {
      live.stop();
      sender?.close();
      const s = server;
      server = null;
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
    },
  };
}
