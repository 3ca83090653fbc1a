// The shape of one catalog entry. The catalog names every Withings measurement Terra carries once, so
// storage, the admin API, the dashboard and teams outside TypeScript (measurements.json) agree on
// what "weight" or "deep_sleep" means, in which unit, and where in which Terra model it comes from.

/** The Terra models measurements are read from (Withings sends no menstruation or nutrition). */
export const MEASUREMENT_MODELS = ["body", "daily", "sleep", "activity"] as const;
export type MeasurementModel = (typeof MEASUREMENT_MODELS)[number];

/**
 * - `point`: a sample at its own timestamp (a weigh-in, a cuff reading, a hypnogram step);
 * - `daily`: one value per day, timed at the day's `metadata.start_time` (local midnight);
 * - `nightly`: one value per night (a sleep session, naps excluded), timed at its `start_time`;
 * - `session`: one value per workout, timed at its `start_time`.
 */
export const MEASUREMENT_KINDS = ["point", "daily", "nightly", "session"] as const;
export type MeasurementKind = (typeof MEASUREMENT_KINDS)[number];

/** How the values of a bucket (an hour, a day, a week, a month) combine into its `value`. */
export const AGGREGATIONS = ["mean", "sum", "min", "max", "last"] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export const MEASUREMENT_GROUPS = [
  "body_composition",
  "blood_pressure",
  "heart",
  "ecg",
  "oxygen",
  "temperature",
  "sleep",
  "activity",
  "workout",
] as const;
export type MeasurementGroup = (typeof MEASUREMENT_GROUPS)[number];

export interface MeasurementDefinition {
  /** Stable snake_case name, used in the API and in `MEASUREMENTS`. Never renamed or reused. */
  readonly name: string;
  /** Stable small integer stored in the database. Never changed or reused. */
  readonly code: number;
  readonly label: string;
  readonly group: MeasurementGroup;
  /** UCUM code (`kg`, `mm[Hg]`, `/min`, `Cel`, `{steps}`; `1` for codes of an enum). */
  readonly unit: string;
  readonly model: MeasurementModel;
  /** Where the value is in the model: dot-separated keys, `[]` after a key that holds an array. */
  readonly path: string;
  /** Where its time is: for a point, a key of the same array element; otherwise `metadata.start_time`. */
  readonly time: string;
  readonly kind: MeasurementKind;
  readonly aggregation: Aggregation;
  /**
   * Kept unless the selection drops it. High-frequency samples (per-minute heart rate, hypnograms,
   * ECG voltage) are off by default: a year of them is millions of rows per user.
   */
  readonly default: boolean;
  /** Values are codes of this `@wearables/schemas` enum (0 is a real value). */
  readonly enum?: "AFibFlag" | "SleepLevel" | "ActivityType";
  /** Array elements whose field has this value are skipped (SpO2: type 1 is muscle SmO2). */
  readonly skipWhen?: Readonly<Record<string, number>>;
  /** Terra sends this one as a fraction (0.91) or a percent (91): a value ≤ 1 is read as a fraction. */
  readonly fractionOrPercent?: boolean;
  readonly description: string;
}

/** One value taken out of a document: the catalog code, its time as Terra wrote it, the number. */
export interface MeasurementPoint {
  code: number;
  time: string;
  value: number;
}
