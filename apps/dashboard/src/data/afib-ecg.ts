// AFib classifications and ECG readings as a list, newest first: the raw points of
// afib_classification, and of ecg_result with ecg_heart_rate joined by record and time (the ECG
// waveform itself is not shown).
import { readings, readSeries, recordOf } from "./series.ts";
import type { LoadArgs, PointRef } from "./types.ts";

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
const result = (v: number | null | undefined): HeartReading["result"] =>
  typeof v === "number" ? (RESULT[v] ?? "unknown") : "unknown";

export async function loadAfibEcg(args: LoadArgs): Promise<HeartReading[]> {
  const read = await readSeries(args, ["afib_classification", "ecg_result", "ecg_heart_rate"], "raw");
  const [afib, ecg, ecgHr] = read.series;
  const model = read.models[0]!;
  const out: HeartReading[] = [
    ...readings([afib]).map((r) => ({
      timestamp: r.at,
      t: r.t,
      kind: "AFib classification" as const,
      result: result(r.values[0]),
      avgHrBpm: null,
      ref: [recordOf(model, r)],
    })),
    ...readings([ecg, ecgHr]).map((r) => ({
      timestamp: r.at,
      t: r.t,
      kind: "ECG" as const,
      result: result(r.values[0]),
      avgHrBpm: r.values[1] ?? null,
      ref: [recordOf(model, r)],
    })),
  ];
  return out.sort((a, b) => b.t - a.t || a.kind.localeCompare(b.kind));
}
