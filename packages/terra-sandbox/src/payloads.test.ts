import { parseDataResponse, parseWebhookEvent } from "@wearables/schemas";
import { hasShared, terraJsonSchemas } from "@wearables/test-support";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { RECORD_TYPES } from "./generator/index.ts";
import { AUTH, testSandbox } from "./test-helpers.ts";

const EVENT_SCHEMA: Record<string, string> = {
  auth: "AuthSuccessEvent",
  auth_cancelled: "AuthErrorEvent",
  deauth: "DeauthEvent",
  user_reauth: "UserReauthEvent",
  access_revoked: "AccessRevokedEvent",
  connection_error: "ConnectionErrorEvent",
  permission_change: "PermissionChangeEvent",
  large_request_processing: "LargeRequestProcessingEvent",
  large_request_sending: "LargeRequestSendingEvent",
  activity: "ActivityEvent",
  body: "BodyEvent",
  daily: "DailyEvent",
  sleep: "SleepEvent",
  menstruation: "MenstruationEvent",
  nutrition: "NutritionEvent",
  athlete: "AthleteEvent",
};
const MODEL_SCHEMA: Record<string, string> = {
  activity: "Activity",
  body: "Body",
  daily: "Daily",
  sleep: "Sleep",
  menstruation: "Menstruation",
  nutrition: "Nutrition",
};

describe.skipIf(!hasShared())("every payload the sandbox emits", () => {
  let ajv: InstanceType<typeof Ajv2020>;
  beforeAll(() => {
    ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    // Registered under their file names so `$ref: Body.yaml` resolves.
    for (const [name, schema] of terraJsonSchemas()) ajv.addSchema(schema, `${name}.yaml`);
  });

  function terraErrors(schemaName: string, value: unknown): string {
    const validate = ajv.getSchema(`${schemaName}.yaml`);
    if (!validate) throw new Error(`no Terra schema ${schemaName}`);
    return validate(value) ? "" : ajv.errorsText(validate.errors, { separator: "\n" });
  }

  it("validates against Terra's JSON Schemas and @wearables/schemas, for every event type", async () => {
    // Twelve users cover every device mix and time zone; samples on, so the largest shapes are checked.
    const { sb, received } = testSandbox({ users: 12, pushSamples: true });
    const users = sb.users;
    sb.triggers.announceUsers();
    const first = users[0]!.user_id;
    sb.triggers.accessRevoked(first);
    sb.triggers.connectionError(first);
    sb.triggers.permissionChange(first, "user.activity", "");
    for (const u of users) {
      for (const type of [...RECORD_TYPES, "athlete"]) {
        for (const withSamples of [false, true]) {
          // Crosses a month: markers and chunks; a separate within-month call gives one data event.
          const res = await sb.app.request(
            `/v2/${type}?user_id=${u.user_id}&start_date=2026-10-27&end_date=2026-11-06&with_samples=${withSamples}`,
            { headers: AUTH },
          );
          expect(res.status).toBe(200);
        }
      }
    }
    // Within a month: one data event each, empty for the types Withings never sends.
    for (const type of ["sleep", "menstruation", "nutrition"]) {
      await sb.app.request(`/${type}?user_id=${first}&start_date=2026-11-02&end_date=2026-11-09`, {
        headers: AUTH,
      });
    }
    const reauthed = sb.triggers.reauth(users[1]!.user_id);
    sb.triggers.deauth(reauthed.user_id);
    sb.triggers.healthcheck();
    sb.triggers.authCancelled("someone");
    await sb.flush();

    const seen = new Set<string>();
    for (const r of received) {
      const type = String(r.json.type);
      if (type === "healthcheck") {
        // Not in Terra's 2026 schemas; it must still parse as a known informational event.
        const parsed = parseWebhookEvent(r.json);
        expect(parsed.success && parsed.data.type).toBe("healthcheck");
        continue;
      }
      seen.add(type);
      const schema = EVENT_SCHEMA[type];
      expect(schema, `no schema mapped for ${type}`).toBeDefined();
      expect(terraErrors(schema!, r.json), `${type} vs Terra ${schema}`).toBe("");
      const parsed = parseWebhookEvent(r.json);
      expect(parsed.success, `${type}: ${parsed.success ? "" : parsed.error.message}`).toBe(true);
      if (parsed.success) expect(parsed.data.type).toBe(type);
    }
    expect([...seen].sort()).toEqual(Object.keys(EVENT_SCHEMA).sort());
    sb.close();
  }, 120_000);

  it("sends ping-mode s3_payload events that match Terra's schema", async () => {
    const { sb, received } = testSandbox({ deliveryMode: "ping" });
    sb.triggers.push(sb.users[0]!.user_id, "body", "2026-11-01", "2026-11-07");
    await sb.flush();
    expect(received[0]!.json.type).toBe("s3_payload");
    expect(terraErrors("S3PayloadEvent", received[0]!.json)).toBe("");
    expect(parseWebhookEvent(received[0]!.json).success).toBe(true);
  });

  it("answers to_webhook=false with data Terra's schemas and parseDataResponse accept", async () => {
    const { sb } = testSandbox({ users: 12 });
    for (const u of sb.users) {
      for (const type of RECORD_TYPES) {
        for (const withSamples of [false, true]) {
          const res = await sb.app.request(
            `/${type}?user_id=${u.user_id}&start_date=2026-11-10&end_date=2026-11-24&to_webhook=false&with_samples=${withSamples}`,
            { headers: AUTH },
          );
          const body = (await res.json()) as { data: unknown[] };
          const parsed = parseDataResponse(type, body);
          expect(parsed.success && parsed.data.kind).toBe("data");
          for (const doc of body.data) expect(terraErrors(MODEL_SCHEMA[type]!, doc), type).toBe("");
        }
      }
      const ath = await sb.app.request(`/athlete?user_id=${u.user_id}&to_webhook=false`, { headers: AUTH });
      const athBody = (await ath.json()) as { athlete: unknown };
      expect(terraErrors("Athlete", athBody.athlete)).toBe("");
      const parsed = parseDataResponse("athlete", athBody);
      expect(parsed.success && parsed.data.kind).toBe("data");
    }
    sb.close();
  }, 120_000);
});
