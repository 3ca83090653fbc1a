import { readFileSync } from "node:fs";
import {
  DATA_TYPES,
  type DataType,
  type MeasurementSelection,
  MeasurementSelectionError,
  parseMeasurementSelection,
} from "@wearables/schemas";
import type { DownloadOptions } from "./s3.ts";
import {
  type CompiledSelection,
  compileSelection,
  type FieldSelection,
  FieldSelectionSchema,
} from "./select.ts";

/** What ingest needs besides the database: built once at start by loadIngestConfig. */
export interface IngestConfig {
  /** Types stored as records; events of other data types stay in the inbox as `ignored`. */
  dataTypes: ReadonlySet<DataType>;
  /** Compiled field selection per type (absent: the whole record is kept). */
  selections: Partial<Record<DataType, CompiledSelection>>;
  /** How s3_payload URLs are downloaded (fetch, time-out, retries). */
  download: DownloadOptions;
  /**
   * Which catalog measurements are written as series rows with each stored record (pass it to the
   * record upsert as `measurements`). Default: the catalog's default (daily, nightly, session and
   * point measurements; high-frequency samples opt-in).
   */
  measurements: MeasurementSelection;
}

export interface IngestConfigInput {
  /** `DATA_TYPES`: comma-separated or a list; empty or absent means every type. */
  dataTypes?: string | readonly string[] | null;
  /** `FIELD_SELECTION`: a path to a JSON file, or the parsed object itself. */
  fieldSelection?: string | FieldSelection | null;
  download?: DownloadOptions;
  /**
   * `MEASUREMENTS`: comma-separated `default`, `all`, `none`, catalog names and `-name`, or a list
   * (see parseMeasurementSelection in @wearables/schemas); empty or absent means the default.
   */
  measurements?: string | readonly string[] | null;
}

/** Validates the settings and throws one clear Error when they are wrong (read at start, never per event). */
export function loadIngestConfig(input: IngestConfigInput = {}): IngestConfig {
  const known = new Set<string>(DATA_TYPES);
  const listed =
    typeof input.dataTypes === "string"
      ? input.dataTypes.split(",")
      : input.dataTypes
        ? [...input.dataTypes]
        : [];
  const wanted = listed.map((t) => t.trim().toLowerCase()).filter((t) => t !== "");
  const unknown = wanted.filter((t) => !known.has(t));
  if (unknown.length > 0) {
    throw new Error(`DATA_TYPES: unknown type(s) ${unknown.join(", ")} (known: ${DATA_TYPES.join(", ")})`);
  }
  const dataTypes = new Set<DataType>((wanted.length > 0 ? wanted : DATA_TYPES) as DataType[]);

  let raw: unknown = input.fieldSelection ?? {};
  if (typeof input.fieldSelection === "string") {
    try {
      raw = JSON.parse(readFileSync(input.fieldSelection, "utf8"));
    } catch (err) {
      throw new Error(`FIELD_SELECTION: cannot read ${input.fieldSelection}: ${(err as Error).message}`);
    }
  }
  const parsed = FieldSelectionSchema.safeParse(raw);
  if (!parsed.success) {
    const detail = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new Error(`FIELD_SELECTION: ${detail}`);
  }
  const selections: Partial<Record<DataType, CompiledSelection>> = {};
  for (const [type, sel] of Object.entries(parsed.data)) {
    if (!known.has(type)) throw new Error(`FIELD_SELECTION: unknown type "${type}"`);
    const compiled = compileSelection(sel);
    if (compiled) selections[type as DataType] = compiled;
  }
  let measurements: MeasurementSelection;
  try {
    measurements = parseMeasurementSelection(input.measurements);
  } catch (err) {
    if (err instanceof MeasurementSelectionError) throw new Error(`MEASUREMENTS: ${err.message}`);
    throw err;
  }
  return { dataTypes, selections, download: input.download ?? {}, measurements };
}
