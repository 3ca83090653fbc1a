import { hasShared, terraExamples } from "@wearables/test-support";
import { describe, expect, expectTypeOf, it } from "vitest";
import { activityRecord, bodyRecord, type Mutable, sleepRecord, terraUser } from "../../test/fixtures.ts";
import { COMPILE_AFTER_USES } from "../common.ts";
import { ActivityType, type DeviceDataType } from "../enums.ts";
import type { Activity } from "../models/activity.ts";
import type { DeviceData } from "../models/shared.ts";
import type { SchemaWarning } from "../tolerance.ts";
import { type AthleteEvent, type BodyEvent, isBodyEvent, parseWebhookEventDetailed } from "./index.ts";

const user = terraUser();
const event = (type: string, data: unknown[]) => ({ type, user, data, version: "2022-03-16" });

function ok(body: unknown) {
  const r = parseWebhookEventDetailed(body);
  if (!r.success) throw new Error(`refused: ${JSON.stringify(r.issues)}`);
  return r;
}
const codes = (w: SchemaWarning[]) => w.map((x) => `${x.code} ${x.path}`);

describe("parseWebhookEventDetailed: what Terra adds is kept, with a warning", () => {
  it("returns a fully standard event itself, without warnings or failures", () => {
    const body = event("sleep", [sleepRecord(3)]);
    const r = ok(body);
    expect(r.data).toBe(body);
    expect(r.warnings).toEqual([]);
    expect(r.failedRecords).toEqual([]);
  });

  it("keeps activity type 155 and upload type 7 as sent", () => {
    const a = activityRecord() as Mutable;
    a.metadata.type = 155;
    a.metadata.upload_type = 7;
    const body = event("activity", [a]);
    const r = ok(body);
    expect(r.data).toBe(body);
    expect((r.data as { data: unknown[] }).data[0]).toBe(a);
    expect(a.metadata.type).toBe(155);
    expect(r.warnings).toEqual([
      {
        path: "data.0.metadata.type",
        code: "unknown_enum_value",
        message: "ActivityType has no code 155 in this version; kept as sent",
        count: 1,
      },
      {
        path: "data.0.metadata.upload_type",
        code: "unknown_enum_value",
        message: "UploadType has no code 7 in this version; kept as sent",
        count: 1,
      },
    ]);
  });

  it("keeps heart-rate zone 7, an unknown data_provided string and a 3-element coordinate", () => {
    const a = activityRecord() as Mutable;
    a.heart_rate_data.summary.hr_zone_data[0].zone = 7;
    a.device_data = { name: "ScanWatch", data_provided: ["STEPS", "SKIN_TEMPERATURE"] };
    a.position_data.position_samples[0].coords_lat_lng_deg = [48.85, 2.35, 35.2];
    a.position_data.start_pos_lat_lng_deg = [48.85, 2.35, 35.2];
    const r = ok(event("activity", [activityRecord(), a]));
    expect(r.failedRecords).toEqual([]);
    expect(codes(r.warnings)).toEqual([
      "unknown_string_value data.1.device_data.data_provided.1",
      "unknown_enum_value data.1.heart_rate_data.summary.hr_zone_data.0.zone",
      "extra_array_elements data.1.position_data.position_samples.0.coords_lat_lng_deg",
      "extra_array_elements data.1.position_data.start_pos_lat_lng_deg",
    ]);
    expect(r.warnings[0]?.message).toBe(
      'DeviceDataType has no value "SKIN_TEMPERATURE" in this version; kept as sent',
    );
    expect(r.warnings[1]?.message).toMatch(/^HeartRateZone has no code 7/);
  });

  it("keeps Z and other accepted timestamp forms, saying how each departs from Terra's form", () => {
    const s = sleepRecord(2) as Mutable;
    s.metadata.start_time = "2026-03-01T13:00:00.000000Z";
    s.metadata.end_time = "2026-03-01T21:00+0000";
    const r = ok(event("sleep", [s]));
    // In the schema's key order (end_time is declared before start_time).
    expect(r.warnings.map((w) => [w.path, w.code, w.message])).toEqual([
      [
        "data.0.metadata.end_time",
        "nonstandard_timestamp",
        "timestamp not in Terra's documented form (no seconds, an offset without a colon); kept as sent",
      ],
      [
        "data.0.metadata.start_time",
        "nonstandard_timestamp",
        "timestamp not in Terra's documented form (Z instead of +00:00); kept as sent",
      ],
    ]);
  });

  it("keeps a menstruation phase Terra added, as an integer or as an older string phase", () => {
    const rec = (phase: unknown) => ({
      metadata: { start_time: "2026-03-01T00:00:00+01:00", end_time: "2026-03-02T00:00:00+01:00" },
      menstruation_data: { current_phase: phase },
    });
    const r = ok(event("menstruation", [rec(10), rec("luteal"), rec("late_luteal")]));
    expect(r.warnings.map((w) => [w.path, w.code, w.message])).toEqual([
      [
        "data.0.menstruation_data.current_phase",
        "unknown_enum_value",
        "MenstruationInterval has no code 10 in this version; kept as sent",
      ],
      [
        "data.2.menstruation_data.current_phase",
        "unknown_string_value",
        'MenstrualPhase has no value "late_luteal" in this version; kept as sent',
      ],
    ]);
  });

  it("merges one oddity repeated over many samples into one warning with its count", () => {
    const s = sleepRecord(100) as Mutable;
    for (const x of s.heart_rate_data.detailed.hr_samples) x.timestamp = "2026-03-01T13:00:00Z";
    const r = ok(event("sleep", [s]));
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatchObject({
      path: "data.0.heart_rate_data.detailed.hr_samples.0.timestamp",
      count: 100,
    });
  });

  it("warns about an unknown code in the envelope too (path from the event root)", () => {
    const r = ok({
      ...event("body", [bodyRecord()]),
      user: { ...user, last_polled_at: "2026-03-01T10:00Z" },
    });
    expect(codes(r.warnings)).toEqual(["nonstandard_timestamp user.last_polled_at"]);
  });
});

describe("parseWebhookEventDetailed: a bad record fails alone", () => {
  it("keeps 9 of 10 body records when record 4 has a weight as a string", () => {
    const records = Array.from({ length: 10 }, (_, i) => bodyRecord(i + 1)) as Mutable[];
    records[4].measurements_data.measurements[0].weight_kg = "81.7";
    const body = event("body", records);
    const r = ok(body);
    if (!isBodyEvent(r.data)) throw new Error("not a body event");
    expect(r.data.data).toHaveLength(9);
    expect(r.data.data).toEqual(records.filter((_, i) => i !== 4));
    expect(r.data.data[4]).toBe(records[5]);
    expect(body.data).toHaveLength(10); // the input is not modified
    expect(r.failedRecords).toEqual([
      {
        index: 4,
        issues: [
          {
            path: "measurements_data.measurements.0.weight_kg",
            message: "Invalid input: expected number, received string",
            count: 1,
          },
        ],
      },
    ]);
    expect(JSON.stringify(r.failedRecords)).not.toContain("81.7");
  });

  it("still fails a record for a wrong type where Terra is clear: summary_id as a number, no metadata", () => {
    const a = activityRecord() as Mutable;
    a.metadata.summary_id = 12345;
    const noMeta = activityRecord() as Mutable;
    delete noMeta.metadata;
    const r = ok(event("activity", [a, activityRecord(), noMeta]));
    expect((r.data as { data: unknown[] }).data).toHaveLength(1);
    expect(r.failedRecords.map((f) => [f.index, f.issues.map((i) => i.path)])).toEqual([
      [0, ["metadata.summary_id"]],
      [2, ["metadata"]],
    ]);
  });

  it("refuses 2024-02-30 in a record, naming the problem and not the value", () => {
    const b = bodyRecord() as Mutable;
    b.metadata.start_time = "2024-02-30T00:00:00.000000+01:00";
    const r = ok(event("body", [b]));
    expect(r.failedRecords).toEqual([
      {
        index: 0,
        issues: [
          {
            path: "metadata.start_time",
            message: "not a real date: the day does not exist in its month",
            count: 1,
          },
        ],
      },
    ]);
    expect((r.data as BodyEvent).data).toEqual([]);
  });

  it("keeps a record's warnings apart from a failing sibling", () => {
    const odd = activityRecord() as Mutable;
    odd.metadata.type = 155;
    const bad = activityRecord() as Mutable;
    bad.metadata.type = "running";
    const r = ok(event("activity", [bad, odd]));
    expect(r.failedRecords.map((f) => f.index)).toEqual([0]);
    expect(codes(r.warnings)).toEqual(["unknown_enum_value data.1.metadata.type"]);
  });

  it("fails the event for a bad envelope: no user id, data not an array, not an object", () => {
    const noUser = parseWebhookEventDetailed({
      ...event("body", [bodyRecord()]),
      user: { provider: "WITHINGS" },
    });
    expect(noUser).toMatchObject({ success: false, issues: [{ path: "user.user_id" }] });
    expect(parseWebhookEventDetailed({ type: "sleep", user, data: {} })).toMatchObject({
      success: false,
      issues: [{ path: "data" }],
    });
    for (const bad of [null, 42, "sleep", [], {}, { type: 3 }]) {
      expect(parseWebhookEventDetailed(bad).success).toBe(false);
    }
  });

  it("fails the athlete event when its athlete (its only record) fails, and keeps it with warnings", () => {
    const base = { type: "athlete", user, version: "2022-03-16" };
    const bad = parseWebhookEventDetailed({ ...base, athlete: { age: "thirty" } });
    expect(bad).toMatchObject({ success: false, issues: [{ path: "athlete.age" }] });
    const devices = [{ name: "Body+", data_provided: ["WEIGHT"] }];
    const r = ok({ ...base, athlete: { first_name: "Ada", joined_provider: "2019-05-01", devices } });
    expect(codes(r.warnings)).toEqual(["unknown_string_value athlete.devices.0.data_provided.0"]);
    expect(r.failedRecords).toEqual([]);
  });
});

describe("parseWebhookEventDetailed: events without records", () => {
  it("accepts a lifecycle event whose user.provider is null, when the user id is there", () => {
    for (const type of ["deauth", "access_revoked", "connection_error", "permission_change"]) {
      const body = { type, status: "warning", message: "m", user: { user_id: "u-1", provider: null } };
      const extra = type === "permission_change" ? { scopes_added: "", scopes_removed: "" } : {};
      expect(parseWebhookEventDetailed({ ...body, ...extra }).success, type).toBe(true);
    }
    const noId = { type: "deauth", status: "success", message: "m", user: { provider: null } };
    expect(parseWebhookEventDetailed(noId)).toMatchObject({
      success: false,
      issues: [{ path: "user.user_id" }],
    });
  });

  it("fails a lifecycle event with an invalid envelope, and parses an unknown type as UnknownEvent", () => {
    expect(
      parseWebhookEventDetailed({ type: "large_request_sending", user, reference: "r", message: "m" }),
    ).toMatchObject({
      success: false,
      issues: [{ path: "expected_payloads" }],
    });
    const unknown = { type: "glucose_alert", anything: [1] };
    expect(parseWebhookEventDetailed(unknown)).toEqual({
      success: true,
      data: { type: "unknown", event_type: "glucose_alert", payload: unknown },
      warnings: [],
      failedRecords: [],
    });
  });
});

describe("parseWebhookEventDetailed: compiled and interpreted paths agree", () => {
  it("gives the same result before and after the per-type parsers are compiled", () => {
    const good = event("daily", [
      {
        metadata: {
          start_time: "2026-03-01T00:00:00+01:00",
          end_time: "2026-03-02T00:00:00+01:00",
          upload_type: 1,
        },
      },
    ]);
    const odd = structuredClone(good) as Mutable;
    odd.data[0].metadata.upload_type = 9;
    const bad = structuredClone(good) as Mutable;
    bad.data.push({ metadata: { start_time: "2026-02-30T00:00:00+01:00", end_time: "x", upload_type: 1 } });
    const first = [good, odd, bad].map((b) => JSON.stringify(parseWebhookEventDetailed(b)));
    for (let i = 0; i < COMPILE_AFTER_USES + 3; i++) {
      expect([good, odd, bad].map((b) => JSON.stringify(parseWebhookEventDetailed(b)))).toEqual(first);
    }
    expect(
      JSON.parse(first[2] as string).failedRecords[0].issues.map((i: { path: string }) => i.path),
    ).toEqual(["metadata.end_time", "metadata.start_time"]);
  });
});

describe.skipIf(!hasShared())("parseWebhookEventDetailed on Terra's official examples", () => {
  it("accepts every example whole, without warnings or failed records", () => {
    for (const [file, body] of terraExamples()) {
      const r = parseWebhookEventDetailed(body);
      expect(r.success, file).toBe(true);
      if (r.success) expect([r.warnings, r.failedRecords], file).toEqual([[], []]);
    }
  });
});

describe("types (checked by `pnpm typecheck`)", () => {
  it("names the known codes of an open enum field, and keeps the const objects", () => {
    expectTypeOf<Activity["metadata"]["type"]>().toEqualTypeOf<ActivityType | (number & {})>();
    expectTypeOf<DeviceData["data_provided"]>().toEqualTypeOf<
      (DeviceDataType | (string & {}))[] | null | undefined
    >();
    const t: Activity["metadata"]["type"] = ActivityType.TRAIL_RUNNING;
    expect(t).toBe(149);
  });

  it("names status on data events, and joined_provider and devices on the athlete", () => {
    expectTypeOf<BodyEvent["status"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<AthleteEvent["athlete"]["joined_provider"]>().toEqualTypeOf<string | null | undefined>();
    expectTypeOf<AthleteEvent["athlete"]["devices"]>().toEqualTypeOf<DeviceData[] | null | undefined>();
    const r = ok({ ...event("body", []), status: "success" });
    expect(isBodyEvent(r.data) && r.data.status).toBe("success");
  });
});
