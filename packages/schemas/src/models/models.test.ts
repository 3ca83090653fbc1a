import { describe, expect, it } from "vitest";
import { activityRecord, bodyRecord, dailyRecord, type Mutable, sleepRecord } from "../../test/fixtures.ts";
import { TimestampSchema } from "../common.ts";
import { ActivityType, DeviceDataType, isKnown, SleepUploadType, UploadType } from "../enums.ts";
import { ActivitySchema } from "./activity.ts";
import { BodySchema } from "./body.ts";
import { DailySchema } from "./daily.ts";
import { modelSchemaFor } from "./index.ts";
import { MenstruationSchema } from "./menstruation.ts";
import { ActivityLevelSampleSchema } from "./shared.ts";
import { SleepSchema } from "./sleep.ts";

const day = { start_time: "2026-03-01T00:00:00.000000+09:00", end_time: "2026-03-02T00:00:00.000000+09:00" };

describe("old and new shapes (CONFLICT in Terra's sources)", () => {
  it("ActivityLevelSample: `activity_level` (2026) and `level` (2025) both parse", () => {
    expect(
      ActivityLevelSampleSchema.parse({ timestamp: day.start_time, activity_level: 3 }).activity_level,
    ).toBe(3);
    expect(ActivityLevelSampleSchema.parse({ timestamp: day.start_time, level: 0 }).level).toBe(0);
    // An unknown level is a code Terra added (accepted, warned about by the detailed parse); text is not.
    expect(ActivityLevelSampleSchema.safeParse({ level: 6 }).success).toBe(true);
    expect(ActivityLevelSampleSchema.safeParse({ level: "high" }).success).toBe(false);
  });

  it("enrichment contributors: a map (2026) and an array of {contributor_name, contributor_score}", () => {
    const asMap = {
      metadata: { ...day, upload_type: 1 },
      data_enrichment: { stress_contributors: { sleep: 0.5 } },
    };
    const asArray = {
      metadata: { ...day, upload_type: 1 },
      data_enrichment: { stress_contributors: [{ contributor_name: "sleep", contributor_score: 0.5 }] },
    };
    expect(DailySchema.parse(asMap).data_enrichment?.stress_contributors).toEqual({ sleep: 0.5 });
    expect(DailySchema.parse(asArray).data_enrichment?.stress_contributors).toEqual([
      { contributor_name: "sleep", contributor_score: 0.5 },
    ]);
    const wrong = { ...asMap, data_enrichment: { stress_contributors: { sleep: "high" } } };
    expect(DailySchema.safeParse(wrong).success).toBe(false);
  });

  it("menstruation current_phase: integer MenstruationInterval (2026) or string phase (older)", () => {
    const rec = (phase: unknown) => ({ metadata: day, menstruation_data: { current_phase: phase } });
    expect(MenstruationSchema.safeParse(rec(1)).success).toBe(true);
    expect(MenstruationSchema.safeParse(rec("follicular")).success).toBe(true);
    // Codes and phases Terra adds later are accepted (with a warning in the detailed parse).
    expect(MenstruationSchema.safeParse(rec(10)).success).toBe(true);
    expect(MenstruationSchema.safeParse(rec("spring")).success).toBe(true);
    expect(MenstruationSchema.safeParse(rec(1.5)).success).toBe(false);
    expect(MenstruationSchema.safeParse(rec(true)).success).toBe(false);
  });

  it("enrichment of the older shape (activity stress_score, daily cardiovascular_score) parses", () => {
    const a = activityRecord();
    expect(
      ActivitySchema.parse({ ...a, data_enrichment: { stress_score: 40 } }).data_enrichment?.stress_score,
    ).toBe(40);
    const d = { ...dailyRecord(), data_enrichment: { cardiovascular_score: 70, readiness_score: 60 } };
    expect(DailySchema.parse(d).data_enrichment?.cardiovascular_score).toBe(70);
  });
});

describe("tolerance: nulls and unknown keys", () => {
  it("keeps unknown fields at every depth through a parse and a JSON round trip", () => {
    const rec = bodyRecord() as Mutable;
    rec.future_top = { x: 1 };
    rec.metadata.future_meta = "m";
    rec.measurements_data.measurements[0].future_sample_field = [1, 2];
    const parsed = BodySchema.parse(rec);
    expect(JSON.parse(JSON.stringify(parsed))).toEqual(rec);
  });

  it("accepts null for every optional field, including whole sub-objects", () => {
    const rec = {
      metadata: { ...day, summary_id: null, upload_type: 0, is_nap: null, timestamp_localization: null },
      heart_rate_data: null,
      sleep_durations_data: { asleep: null, hypnogram_samples: null, sleep_efficiency: null },
      device_data: { name: null, other_devices: null },
    };
    expect(SleepSchema.safeParse(rec).success).toBe(true);
  });

  it("accepts a position with a null coordinate, as Terra's field description allows", () => {
    const a = activityRecord() as Mutable;
    a.position_data.position_samples[0].coords_lat_lng_deg = [48.85, null];
    expect(ActivitySchema.safeParse(a).success).toBe(true);
    a.position_data.position_samples[0].coords_lat_lng_deg = ["48.85", 2.35];
    expect(ActivitySchema.safeParse(a).success).toBe(false);
  });

  it("treats 0 as a real enum value (activity type in vehicle, upload type unknown)", () => {
    const a = activityRecord() as Mutable;
    a.metadata.type = ActivityType.IN_VEHICLE;
    a.metadata.upload_type = UploadType.UNKNOWN;
    expect(ActivitySchema.parse(a).metadata.type).toBe(0);
    a.metadata.type = 2; // a gap in Terra's ActivityType numbering: accepted as a code Terra may add
    expect(ActivitySchema.safeParse(a).success).toBe(true);
    a.metadata.type = "running";
    expect(ActivitySchema.safeParse(a).error?.issues[0]?.path).toEqual(["metadata", "type"]);
  });

  it("isKnown narrows an open enum field to the codes this version names", () => {
    const rec = activityRecord() as Mutable;
    rec.metadata.type = 155;
    const a = ActivitySchema.parse(rec);
    expect(isKnown(ActivityType, a.metadata.type)).toBe(false);
    expect(isKnown(ActivityType, ActivityType.TRAIL_RUNNING)).toBe(true);
    expect(isKnown(DeviceDataType, "STEPS")).toBe(true);
    expect(isKnown(DeviceDataType, "steps")).toBe(false);
  });

  it("names sleep upload types apart from activity upload types", () => {
    expect(SleepUploadType.AUTOMATIC).toBe(2);
    expect(UploadType.AUTOMATIC).toBe(1);
  });
});

describe("strict where it matters", () => {
  it("requires metadata and its required keys", () => {
    expect(SleepSchema.safeParse({}).error?.issues[0]?.path).toEqual(["metadata"]);
    const noSummary = activityRecord() as Mutable;
    delete noSummary.metadata.summary_id;
    expect(ActivitySchema.safeParse(noSummary).error?.issues[0]?.path).toEqual(["metadata", "summary_id"]);
  });

  it("rejects wrong types with the field's path", () => {
    const rec = bodyRecord() as Mutable;
    rec.measurements_data.measurements[1].weight_kg = "72";
    const r = BodySchema.safeParse(rec);
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual([
      "measurements_data.measurements.1.weight_kg",
    ]);
  });

  it("rejects samples given as an object instead of an array", () => {
    const rec = sleepRecord(1) as Mutable;
    rec.sleep_durations_data.hypnogram_samples = { level: 1 };
    expect(SleepSchema.safeParse(rec).error?.issues[0]?.path).toEqual([
      "sleep_durations_data",
      "hypnogram_samples",
    ]);
  });

  it("checks timestamps: ISO-8601 with or without offset, never free text", () => {
    for (const ok of [
      "2026-07-01T07:04:11.000000+01:00",
      "2026-07-01T07:04:11+0100",
      "2026-07-01T07:04:11Z",
      "2026-07-01T07:04:11",
      "2026-07-01T07:04",
      "2025-07-04 21:37:36.638145+00:00",
    ]) {
      expect(TimestampSchema.safeParse(ok).success, ok).toBe(true);
    }
    for (const bad of ["yesterday", "2026-07-01", "07/01/2026 07:04", "2026-07-01T07:04:11+1", ""]) {
      expect(TimestampSchema.safeParse(bad).success, bad).toBe(false);
    }
  });

  it("modelSchemaFor returns the schema of each data type", () => {
    expect(modelSchemaFor("sleep")).toBe(SleepSchema);
    expect(modelSchemaFor("daily").safeParse(dailyRecord()).success).toBe(true);
  });
});
