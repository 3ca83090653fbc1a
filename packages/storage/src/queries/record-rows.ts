// What an upsert sends for one document: its natural key, indexed columns, JSON text and its
// measurement points, already in the text form of PostgreSQL array elements.
import {
  type DataType,
  DEFAULT_MEASUREMENTS,
  extractMeasurements,
  type MeasurementSelection,
  parseTimestamp,
  recordDate,
  recordKey,
} from "@wearables/schemas";
import { extractColumns } from "../extract.ts";

/** A document's measurement points as comma-joined array elements (empty strings: none). */
export interface PointText {
  n: number;
  codes: string;
  times: string;
  offsets: string;
  values: string;
}

export interface PreparedRecord {
  key: string;
  date: string | null;
  meta: { start: string | null; end: string | null };
  extra: Record<string, number | null>;
  points: PointText;
  json: string;
}

export type DescribedRecord = Omit<PreparedRecord, "json">;

const NO_POINTS: PointText = { n: 0, codes: "", times: "", offsets: "", values: "" };

/** The selected measurements of a document, ready to splice into the statement's arrays. */
export function pointText(type: DataType, doc: unknown, selection: MeasurementSelection): PointText {
  if (selection.codes.size === 0) return NO_POINTS;
  const points = extractMeasurements(type, doc, selection);
  if (points.length === 0) return NO_POINTS;
  let n = 0;
  let codes = "";
  let times = "";
  let offsets = "";
  let values = "";
  for (const p of points) {
    const t = parseTimestamp(p.time);
    if (!t) continue; // not a calendar time: left out of the series, kept in the document
    const sep = n++ === 0 ? "" : ",";
    codes += sep + p.code;
    // The wall clock as microseconds of its own epoch: numbers are cheaper to send and to read
    // than timestamp text (PostgreSQL turns them back into a timestamp).
    times += sep + t.wallMicros;
    offsets += sep + (t.offsetMinutes === null ? "NULL" : t.offsetMinutes);
    values += sep + p.value;
  }
  return n === 0 ? NO_POINTS : { n, codes, times, offsets, values };
}

export function describe(type: DataType, doc: unknown, selection: MeasurementSelection): DescribedRecord {
  return {
    key: recordKey(type, doc),
    date: recordDate(type, doc),
    meta: metadataTimes(doc),
    extra: extractColumns(type, doc),
    points: pointText(type, doc, selection),
  };
}

function metadataTimes(doc: unknown): { start: string | null; end: string | null } {
  const meta = (doc as { metadata?: { start_time?: unknown; end_time?: unknown } } | null)?.metadata;
  return {
    start: typeof meta?.start_time === "string" ? meta.start_time : null,
    end: typeof meta?.end_time === "string" ? meta.end_time : null,
  };
}

/**
 * Documents of one type reduced to what upsertRecords stores (natural key, indexed columns,
 * measurement points, JSON text). A caller that holds documents for a while before storing them
 * (the backfill worker, a batch of windows) keeps this instead of the parsed objects: a few times
 * smaller, and no longer a graph of objects for the garbage collector to trace. The measurement
 * selection is applied here, so the upsert that stores them must ask for the same one.
 */
export class PreparedRecords {
  private constructor(
    readonly type: DataType,
    readonly rows: readonly PreparedRecord[],
    readonly measurements: MeasurementSelection,
  ) {}
  static of(
    type: DataType,
    docs: readonly unknown[],
    measurements: MeasurementSelection = DEFAULT_MEASUREMENTS,
  ): PreparedRecords {
    return new PreparedRecords(
      type,
      docs.map((doc) => ({ ...describe(type, doc, measurements), json: JSON.stringify(doc) })),
      measurements,
    );
  }
  /**
   * The same from rows made elsewhere (a worker thread posts `rows`; a class does not survive the
   * structured clone, its data does), with the selection they were prepared with.
   */
  static fromRows(
    type: DataType,
    rows: readonly PreparedRecord[],
    measurements: MeasurementSelection = DEFAULT_MEASUREMENTS,
  ): PreparedRecords {
    return new PreparedRecords(type, rows, measurements);
  }
  /** Several sets of one type (and one selection) as one, in order. */
  static concat(type: DataType, parts: readonly PreparedRecords[]): PreparedRecords {
    if (parts.some((p) => p.type !== type)) throw new Error("PreparedRecords.concat: parts of another type");
    const measurements = parts[0]?.measurements ?? DEFAULT_MEASUREMENTS;
    if (parts.some((p) => p.measurements.key !== measurements.key)) {
      throw new Error("PreparedRecords.concat: parts prepared with different measurement selections");
    }
    return new PreparedRecords(
      type,
      parts.flatMap((p) => p.rows),
      measurements,
    );
  }
  get length(): number {
    return this.rows.length;
  }
}
