import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { activityRecord, bodyRecord, type Mutable, sleepRecord, terraUser } from "../../test/fixtures.ts";
import type { SchemaWarning } from "../tolerance.ts";
import { parseWebhookEventDetailed } from "./index.ts";

const user = terraUser();
const event = (type: string, data: unknown[]) => ({ type, user, data, version: "2022-03-16" });

describe("no message quotes a received value (but an unknown string code)", () => {
  // Marker values in every field type a record holds; wherever they land, they are refused or
  // tolerated, and the text of the result must not contain them.
  const MARKER_NUMBER = 987654.321;
  const MARKER_TEXT = "MARKER-7731";
  const markers = fc.constantFrom<unknown>(
    MARKER_NUMBER,
    MARKER_TEXT,
    [MARKER_TEXT],
    { v: MARKER_NUMBER },
    true,
  );

  it("holds for generated corruptions of a body and an activity record (property)", () => {
    const paths = (o: unknown, prefix: string[] = []): string[][] =>
      o && typeof o === "object"
        ? Object.entries(o).flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])])
        : [];
    const templates = [bodyRecord(), activityRecord(), sleepRecord(2)];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), fc.nat(), markers, (t, pick, marker) => {
        const rec = structuredClone(templates[t]) as Mutable;
        const all = paths(rec);
        const path = all[pick % all.length] as string[];
        let at = rec;
        for (const k of path.slice(0, -1)) at = at[k];
        at[path.at(-1) as string] = marker;
        const r = parseWebhookEventDetailed(event(t === 0 ? "body" : t === 1 ? "activity" : "sleep", [rec]));
        // Everything but the kept data itself: warnings, failed records, issues. A string in an
        // enum field is a category code, which its unknown_string_value warning may name.
        const named = (w: SchemaWarning) => w.code !== "unknown_string_value";
        const text = JSON.stringify(r.success ? [r.warnings.filter(named), r.failedRecords] : r.issues);
        expect(text.includes(MARKER_TEXT) || text.includes(String(MARKER_NUMBER))).toBe(false);
      }),
      { numRuns: 300 },
    );
  }, 60_000);
});
