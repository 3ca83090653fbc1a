// AFib classifications and ECG readings as a list, newest first, from the body documents'
// heart_data (afib_classification_samples[] and ecg_signal[]; the raw signal itself is not shown).
// Later: GET /v1/users/{id}/series?measurement=afib&measurement=ecg&bucket=raw.
import { wallClock } from "../range.ts";
import { loadRecords } from "./records.ts";
import { type LoadArgs, num, type PointRef } from "./types.ts";

export interface HeartReading {
  /** As Terra wrote it (the wearer's local time). */
  timestamp: string;
  t: number;
  kind: "AFib classification" | "ECG";
  result: "negative" | "positive" | "inconclusive" | "unknown";
  avgHrBpm: number | null;
  ref: PointRef;
}

// Terra's AFibFlag: 0 negative, 1 positive, 2 inconclusive (0 is a real value, never "no value").
const RESULT = ["negative", "positive", "inconclusive"] as const;
const result = (v: unknown): HeartReading["result"] =>
  typeof v === "number" ? (RESULT[v] ?? "unknown") : "unknown";

export async function loadAfibEcg(args: LoadArgs): Promise<HeartReading[]> {
  const out: HeartReading[] = [];
  for (const r of await loadRecords(args, "body")) {
    if (!r.date) continue;
    const ref: PointRef = { type: "body", date: r.date };
    const heart = r.document.heart_data;
    for (const s of heart?.afib_classification_samples ?? []) {
      const t = wallClock(s.timestamp);
      if (t === null || !s.timestamp) continue;
      out.push({
        timestamp: s.timestamp,
        t,
        kind: "AFib classification",
        result: result(s.afib_classification),
        avgHrBpm: null,
        ref,
      });
    }
    for (const e of heart?.ecg_signal ?? []) {
      const t = wallClock(e.start_timestamp);
      if (t === null || !e.start_timestamp) continue;
      out.push({
        timestamp: e.start_timestamp,
        t,
        kind: "ECG",
        result: result(e.afib_classification),
        avgHrBpm: num(e.avg_hr_bpm),
        ref,
      });
    }
  }
  return out.sort((a, b) => b.t - a.t || a.kind.localeCompare(b.kind));
}
