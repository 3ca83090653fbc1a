// A chart of one value per timestamped sample of the body documents (SpO2, temperature): the
// shape several Withings devices share in Terra's Body model.
import type { Body } from "@wearables/schemas";
import { wallClock } from "../range.ts";
import { loadRecords } from "./records.ts";
import { type ChartData, type LoadArgs, num, type Point, toChartData } from "./types.ts";

export async function loadBodySamples(
  args: LoadArgs,
  series: { label: string; unit: string },
  samplesOf: (doc: Body) => { timestamp?: string | null; value: unknown }[],
): Promise<ChartData> {
  const points: Point[] = [];
  for (const r of await loadRecords(args, "body")) {
    if (!r.date) continue;
    for (const s of samplesOf(r.document)) {
      const t = wallClock(s.timestamp);
      const v = num(s.value);
      if (t !== null && v !== null) points.push({ t, values: [v], ref: { type: "body", date: r.date } });
    }
  }
  return toChartData(points, [series]);
}
