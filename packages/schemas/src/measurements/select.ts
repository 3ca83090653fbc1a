// Which measurements are kept at ingest (the `MEASUREMENTS` setting). Default: the catalog's daily,
// nightly, session and point measurements; high-frequency samples only when named.
import { MEASUREMENT_CATALOG } from "./catalog/index.ts";
import { measurementByName } from "./lookup.ts";

/** A set of catalog codes. Build it with parseMeasurementSelection; compare selections by `key`. */
export interface MeasurementSelection {
  readonly codes: ReadonlySet<number>;
  /** The sorted codes, comma-joined: equal keys, equal selections. */
  readonly key: string;
}

export function measurementSelection(codes: Iterable<number>): MeasurementSelection {
  const set = new Set(codes);
  return { codes: set, key: [...set].sort((a, b) => a - b).join(",") };
}

export const DEFAULT_MEASUREMENTS: MeasurementSelection = measurementSelection(
  MEASUREMENT_CATALOG.filter((m) => m.default).map((m) => m.code),
);
export const ALL_MEASUREMENTS: MeasurementSelection = measurementSelection(
  MEASUREMENT_CATALOG.map((m) => m.code),
);
export const NO_MEASUREMENTS: MeasurementSelection = measurementSelection([]);

export class MeasurementSelectionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "MeasurementSelectionError";
  }
}

/**
 * Reads a selection: comma-separated (or a list of) `default`, `all`, `none`, catalog names, and
 * `-name` to leave one out, applied left to right. Empty or absent: the default. A list starting with
 * `-name` starts from the default (`-snoring_duration`: the default without it); any other starts
 * from nothing (`weight,steps`: those two; `default,heart_rate`: the default and per-minute HR).
 * Throws MeasurementSelectionError naming every unknown name.
 */
export function parseMeasurementSelection(spec?: string | readonly string[] | null): MeasurementSelection {
  const tokens = (typeof spec === "string" ? spec.split(",") : [...(spec ?? [])])
    .map((t) => t.trim())
    .filter((t) => t !== "");
  if (tokens.length === 0) return DEFAULT_MEASUREMENTS;
  const codes = new Set<number>(tokens[0]?.startsWith("-") ? DEFAULT_MEASUREMENTS.codes : []);
  const unknown: string[] = [];
  for (const token of tokens) {
    const drop = token.startsWith("-");
    const name = (drop ? token.slice(1) : token).toLowerCase();
    const group =
      name === "default"
        ? DEFAULT_MEASUREMENTS.codes
        : name === "all"
          ? ALL_MEASUREMENTS.codes
          : name === "none"
            ? null
            : undefined;
    if (name === "none") {
      if (!drop) codes.clear();
      continue;
    }
    const picked = group ?? (measurementByName(name) ? [measurementByName(name)!.code] : undefined);
    if (!picked) {
      unknown.push(token);
      continue;
    }
    for (const c of picked) drop ? codes.delete(c) : codes.add(c);
  }
  if (unknown.length > 0) {
    throw new MeasurementSelectionError(
      `unknown measurement(s) ${unknown.join(", ")} (names are listed in @wearables/schemas' measurements.json; also default, all, none)`,
    );
  }
  return measurementSelection(codes);
}
