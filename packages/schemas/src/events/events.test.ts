import { hasShared, terraExamples } from "@wearables/test-support";
import { describe, expect, expectTypeOf, it } from "vitest";
import { bodyRecord, type Mutable, sleepRecord, terraUser } from "../../test/fixtures.ts";
import { COMPILE_AFTER_USES } from "../common.ts";
import type { Athlete } from "../models/athlete.ts";
import type { Sleep } from "../models/sleep.ts";
import {
  compileWebhookEventParsers,
  DATA_EVENT_TYPES,
  isAthleteEvent,
  isDataEvent,
  isSleepEvent,
  isUnknownEvent,
  KNOWN_EVENT_TYPES,
  KnownWebhookEventSchema,
  parseWebhookEvent,
  type WebhookEvent,
  WebhookEventSchema,
} from "./index.ts";

/** Terra's example file name → the `type` its event must parse as. */
function expectedType(file: string): string {
  const head = file.split(".")[0] as string;
  return head === "auth" && file.includes("authCancelled") ? "auth_cancelled" : head;
}

describe.skipIf(!hasShared())("Terra's official webhook examples", () => {
  const examples = hasShared() ? [...terraExamples()] : [];

  it("are all present", () => {
    expect(examples.length).toBeGreaterThanOrEqual(17);
  });

  it.each(examples.map(([f, body]) => [f, body] as const))("%s parses as its own variant", (file, body) => {
    const r = WebhookEventSchema.safeParse(body);
    expect(r.error?.issues).toBeUndefined();
    expect(r.data?.type).toBe(expectedType(file));
  });

  it("athlete example carries one athlete object, not data", () => {
    const r = parseWebhookEvent(examples.find(([f]) => f.startsWith("athlete"))?.[1]);
    expect(r.success).toBe(true);
    if (r.success && isAthleteEvent(r.data)) {
      expect(Array.isArray(r.data.athlete)).toBe(false);
      expect(typeof r.data.athlete).toBe("object");
    } else throw new Error("not an athlete event");
  });
});

const user = terraUser();

describe("webhook event union", () => {
  it("parses an unknown type as UnknownEvent keeping Terra's type and every field", () => {
    const body = { type: "glucose_alert", status: 3, user: "not an object", extra: { a: [1, 2] } };
    const r = parseWebhookEvent(body);
    expect(r.success).toBe(true);
    expect(r.data).toEqual({ type: "unknown", event_type: "glucose_alert", payload: body });
    expect(r.data && isUnknownEvent(r.data)).toBe(true);
  });

  it("does not demote a malformed known event to unknown", () => {
    const r = parseWebhookEvent({ type: "sleep", user, data: {} });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(["data"]);
  });

  it("fails a body that is not an object with a string type, without throwing", () => {
    for (const bad of [null, "sleep", 42, [], { type: 3 }, {}]) {
      expect(parseWebhookEvent(bad).success).toBe(false);
    }
  });

  it("reports the path of a wrong type deep inside a record", () => {
    const rec = sleepRecord(2);
    (rec.metadata as Record<string, unknown>).start_time = 1234;
    const r = parseWebhookEvent({ type: "sleep", user, data: [rec], version: "2022-03-16" });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join("."))).toContain("data.0.metadata.start_time");
  });

  it("rejects a missing required key with its path", () => {
    const rec = bodyRecord();
    delete (rec.metadata as Record<string, unknown>).end_time;
    const r = parseWebhookEvent({ type: "body", user, data: [rec] });
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual(["data.0.metadata.end_time"]);
  });

  it("accepts 0 and an enum code Terra added, and rejects an enum value of the wrong type", () => {
    const rec = sleepRecord(1);
    const ok = parseWebhookEvent({ type: "sleep", user, data: [rec] });
    expect(ok.success).toBe(true);
    (rec.metadata as Record<string, unknown>).upload_type = 0;
    expect(parseWebhookEvent({ type: "sleep", user, data: [rec] }).success).toBe(true);
    (rec.metadata as Record<string, unknown>).upload_type = 9;
    expect(parseWebhookEvent({ type: "sleep", user, data: [rec] }).success).toBe(true);
    (rec.metadata as Record<string, unknown>).upload_type = "2";
    const bad = parseWebhookEvent({ type: "sleep", user, data: [rec] });
    expect(bad.error?.issues[0]?.path.join(".")).toBe("data.0.metadata.upload_type");
  });

  it("rejects a user without user_id", () => {
    const r = parseWebhookEvent({
      type: "deauth",
      status: "success",
      message: "m",
      user: { provider: "WITHINGS" },
    });
    expect(r.error?.issues[0]?.path).toEqual(["user", "user_id"]);
  });

  it("narrows data events with isDataEvent and per-type guards", () => {
    const r = parseWebhookEvent({ type: "sleep", user, data: [sleepRecord(1)] });
    const e = r.data as WebhookEvent;
    expect(isDataEvent(e)).toBe(true);
    expect(isSleepEvent(e) && e.data[0]?.metadata.upload_type).toBe(2);
    expect(isDataEvent({ type: "unknown", event_type: "x", payload: { type: "x" } })).toBe(false);
  });

  it("knows every data type and event type the issue lists", () => {
    for (const t of [
      ...DATA_EVENT_TYPES,
      "athlete",
      "auth",
      "auth_cancelled",
      "deauth",
      "user_reauth",
      "access_revoked",
      "connection_error",
      "google_no_datasource",
      "permission_change",
      "large_request_processing",
      "large_request_sending",
      "rate_limit_hit",
      "healthcheck",
      "s3_payload",
      "hormone",
      "health_observation",
      "planned_workout",
      "lab_report.completed",
      "lab_report.failed",
    ]) {
      expect(KNOWN_EVENT_TYPES.has(t), t).toBe(true);
    }
  });
});

describe("compiled parsers agree with zod's runtime parser", () => {
  it("returns the same value and the same issues for valid and malformed events", () => {
    const good = { type: "body", user, data: [bodyRecord()], version: "2022-03-16", extra: 1 };
    const bad = { type: "body", user, data: [bodyRecord()] } as Mutable;
    bad.data[0].measurements_data.measurements[0].weight_kg = "heavy";
    bad.data[0].heart_data.afib_classification_samples[0].afib_classification = 0.5;
    const issues = (r: { error?: { issues: { path: PropertyKey[]; code: string }[] } }) =>
      r.error?.issues.map((i) => [i.path.join("."), i.code]);
    const viaRuntime = issues(KnownWebhookEventSchema.safeParse(bad));
    expect(viaRuntime).toHaveLength(2);
    // Past COMPILE_AFTER_USES the compiled parser answers; every round must agree with the interpreter.
    for (let i = 0; i < COMPILE_AFTER_USES + 3; i++) {
      expect(parseWebhookEvent(good).data).toEqual(KnownWebhookEventSchema.parse(good));
      expect(issues(parseWebhookEvent(bad))).toEqual(viaRuntime);
    }
  });
});

describe("lifecycle and newer events", () => {
  it("accepts the older auth error shape and the 2026 auth_cancelled", () => {
    const older = parseWebhookEvent({
      type: "auth",
      status: "error",
      message: "User failed to authenticate and has been deleted",
      reason: "consent_denied",
      reference_id: "r",
      user,
    });
    expect(older.data).toMatchObject({ type: "auth", status: "error" });
    const cancelled = parseWebhookEvent({
      type: "auth_cancelled",
      status: "error",
      flow_id: "f",
      reason: "access_denied",
    });
    expect(cancelled.data?.type).toBe("auth_cancelled");
  });

  it("accepts healthcheck with Terra's space-separated creation_timestamp", () => {
    const r = parseWebhookEvent({
      type: "healthcheck",
      status: "normal",
      creation_timestamp: "2025-07-04 21:37:36.638145+00:00",
      trend_percentage: 0.5,
      sent_webhooks_last_hour: 12,
    });
    expect(r.data?.type).toBe("healthcheck");
  });

  it("accepts user_reauth with a null old_user and rate_limit_hit", () => {
    expect(
      parseWebhookEvent({
        type: "user_reauth",
        status: "warning",
        message: "m",
        new_user: user,
        old_user: null,
      }).success,
    ).toBe(true);
    const r = parseWebhookEvent({
      type: "rate_limit_hit",
      user,
      start_date: "2026-01-01",
      end_date: "2026-02-01",
      retrying_at: "2026-03-01T10:00:00.000000+00:00",
      message: "Rate limit reached whilst processing async query",
    });
    expect(r.data?.type).toBe("rate_limit_hit");
  });

  it("accepts hormone samples and requires their timestamp", () => {
    const ok = parseWebhookEvent({
      type: "hormone",
      user,
      version: "2022-03-16",
      data: [{ timestamp: "2026-05-07T08:00:00+02:00", lh_mIU_per_ml: 4.2 }],
    });
    expect(ok.success).toBe(true);
    const bad = parseWebhookEvent({ type: "hormone", user, data: [{ lh_mIU_per_ml: 4.2 }] });
    expect(bad.error?.issues[0]?.path).toEqual(["data", 0, "timestamp"]);
  });

  it("rejects large_request_sending without expected_payloads", () => {
    const r = parseWebhookEvent({ type: "large_request_sending", user, reference: "ref", message: "m" });
    expect(r.error?.issues[0]?.path).toEqual(["expected_payloads"]);
  });
});

describe("types (checked by `pnpm typecheck`, which compiles the tests)", () => {
  it("narrows on type to each event's own shape", () => {
    const handle = (e: WebhookEvent) => {
      switch (e.type) {
        case "sleep":
          expectTypeOf(e.data).toEqualTypeOf<Sleep[]>();
          return e.data.length;
        case "athlete":
          expectTypeOf(e.athlete).toEqualTypeOf<Athlete>();
          return 1;
        case "user_reauth":
          return e.new_user.user_id.length;
        case "unknown":
          expectTypeOf(e.event_type).toEqualTypeOf<string>();
          return 0;
        default:
          return -1;
      }
    };
    expect(handle({ type: "unknown", event_type: "x", payload: { type: "x" } })).toBe(0);
  });
});

describe("parsed events are the input itself, so the schemas must never change a value", () => {
  // hotSchema returns the input object on success; that is only right if no schema transforms,
  // defaults, freezes or strips. This walk fails the day someone adds such a node.
  it("has no transform, pipe, default, catch, readonly or stripping object in any known event", () => {
    const bad: string[] = [];
    const seen = new Set<unknown>();
    const walk = (schema: unknown, path: string) => {
      if (!schema || typeof schema !== "object" || seen.has(schema)) return;
      seen.add(schema);
      const def = (schema as { _zod: { def: Record<string, unknown> } })._zod.def;
      const type = def.type as string;
      if (["transform", "pipe", "default", "prefault", "catch", "readonly", "success"].includes(type)) {
        bad.push(`${path}: ${type}`);
      }
      if (type === "object") {
        const catchall = def.catchall as { _zod: { def: { type: string } } } | undefined;
        if (catchall?._zod.def.type !== "unknown") bad.push(`${path}: object that strips unknown keys`);
        for (const [k, v] of Object.entries(def.shape as object)) walk(v, `${path}.${k}`);
      }
      for (const key of ["innerType", "element", "valueType", "keyType", "rest"]) walk(def[key], path);
      for (const key of ["options", "items"]) for (const v of (def[key] as unknown[]) ?? []) walk(v, path);
    };
    for (const option of KnownWebhookEventSchema.options) walk(option, "event");
    expect(seen.size).toBeGreaterThan(200);
    expect(bad).toEqual([]);
  });

  it("compiles a type's parser on request: its first valid event's records come back as given, not copied", () => {
    // A type no other test here parses: its parser is fresh, so only compileNow can explain it.
    const event = { type: "menstruation", user, data: [], version: "2022-03-16" };
    compileWebhookEventParsers(["menstruation", "no_such_type"]);
    const parsed = parseWebhookEvent(event);
    expect(parsed.success).toBe(true);
    expect((parsed.data as { data: unknown }).data).toBe(event.data);
    // Still validated: a broken one is refused with zod's issues.
    const bad = parseWebhookEvent({ ...event, data: [{ metadata: 3 }] });
    expect(bad.success).toBe(false);
    const badToo = parseWebhookEvent({ ...event, data: "nope" });
    expect(badToo.success).toBe(false);
  });

  it("returns an equal value before and after the parser is compiled", () => {
    const event = { type: "sleep", user, data: [sleepRecord(3)], version: "2022-03-16", future: { x: 1 } };
    for (let i = 0; i < COMPILE_AFTER_USES + 2; i++) expect(parseWebhookEvent(event).data).toEqual(event);
  });
});
