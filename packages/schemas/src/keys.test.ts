import { describe, expect, it } from "vitest";
import { bodyRecord, sleepRecord } from "../test/fixtures.ts";
import { recordDate, recordKey } from "./keys.ts";

describe("recordKey and recordDate", () => {
  it("keys a Body starting 2026-03-01T00:00:00+09:00 by 2026-03-01, not the UTC date", () => {
    const body = {
      metadata: { start_time: "2026-03-01T00:00:00+09:00", end_time: "2026-03-02T00:00:00+09:00" },
    };
    expect(recordKey("body", body)).toBe("2026-03-01");
    expect(recordDate("body", body)).toBe("2026-03-01");
    expect(recordKey("body", bodyRecord())).toBe("2026-03-01");
  });

  it("keys daily, nutrition and menstruation by the date part as written", () => {
    const rec = { metadata: { start_time: "2026-02-28T00:00:00.000000-05:00", end_time: "x" } };
    for (const t of ["daily", "nutrition", "menstruation"] as const)
      expect(recordKey(t, rec)).toBe("2026-02-28");
  });

  it("keys sleep and activity by summary_id", () => {
    expect(recordKey("sleep", sleepRecord(1, 7))).toBe("sleep-7");
    expect(recordKey("activity", { metadata: { summary_id: "abc", start_time: "s", end_time: "e" } })).toBe(
      "abc",
    );
  });

  it("falls back to start|end for a Sleep with a null or empty summary_id", () => {
    const meta = { start_time: "2026-03-01T22:00:00+09:00", end_time: "2026-03-02T06:00:00+09:00" };
    expect(recordKey("sleep", { metadata: { ...meta, summary_id: null } })).toBe(
      "2026-03-01T22:00:00+09:00|2026-03-02T06:00:00+09:00",
    );
    expect(recordKey("sleep", { metadata: { ...meta, summary_id: "" } })).toBe(
      "2026-03-01T22:00:00+09:00|2026-03-02T06:00:00+09:00",
    );
    expect(recordDate("sleep", { metadata: { ...meta, summary_id: null } })).toBe("2026-03-01");
  });

  it("keys the athlete profile as a single record with no date", () => {
    expect(recordKey("athlete", { first_name: "A" })).toBe("athlete");
    expect(recordDate("athlete", { first_name: "A" })).toBeNull();
  });

  it("throws for a record without the fields its key needs", () => {
    expect(() => recordKey("body", { metadata: {} })).toThrow(/start_time/);
    expect(() => recordKey("sleep", {})).toThrow(/summary_id/);
    expect(recordDate("daily", { metadata: { start_time: "soon" } })).toBeNull();
  });
});
