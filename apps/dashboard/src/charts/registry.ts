// The user page's charts: each one names its data module, which reads the series API (one request
// per chart); the page and the chart only see ChartData.
import { loadBloodPressure } from "../data/blood-pressure.ts";
import { loadHeart } from "../data/heart.ts";
import { loadSleepStages } from "../data/sleep-stages.ts";
import { loadSpo2 } from "../data/spo2.ts";
import { loadSteps } from "../data/steps.ts";
import { loadTemperature } from "../data/temperature.ts";
import type { ChartData, LoadArgs } from "../data/types.ts";
import { loadWeight } from "../data/weight.ts";
import type { ChartKind } from "./time-chart.tsx";

export interface ChartSpec {
  id: string;
  title: string;
  kind: ChartKind;
  load(args: LoadArgs): Promise<ChartData>;
}

export const USER_CHARTS: ChartSpec[] = [
  { id: "weight", title: "Weight, body fat and muscle", kind: "line", load: loadWeight },
  { id: "blood-pressure", title: "Blood pressure and pulse", kind: "line", load: loadBloodPressure },
  { id: "heart", title: "Resting heart rate and HRV", kind: "line", load: loadHeart },
  { id: "spo2", title: "SpO2", kind: "line", load: loadSpo2 },
  { id: "temperature", title: "Body temperature", kind: "line", load: loadTemperature },
  { id: "sleep", title: "Sleep stages per night", kind: "stacked", load: loadSleepStages },
  { id: "steps", title: "Daily steps", kind: "bars", load: loadSteps },
];
