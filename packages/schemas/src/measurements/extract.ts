// Takes the catalog's measurements out of one Terra document. Paths are compiled once per selection
// and model; a document is walked once per array the selection reads from it. Every Terra field is
// nullable and validation happened upstream, so every read here is defensive: a missing or
// non-numeric value is no point, never an error.
import { MEASUREMENT_CATALOG } from "./catalog/index.ts";
import { DEFAULT_MEASUREMENTS, type MeasurementSelection } from "./select.ts";
import type { MeasurementDefinition, MeasurementPoint } from "./types.ts";

type Json = Record<string, unknown>;

interface Reader {
  code: number;
  value: string[];
  time: string[];
  skipWhen: [string, number][];
  fraction: boolean;
}

/** The readers of one array (or of the document itself, `arrays` empty). */
interface Walk {
  arrays: string[][];
  nightly: boolean;
  readers: Reader[];
}

function obj(v: unknown): Json | undefined {
  return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Json) : undefined;
}

function get(root: unknown, keys: readonly string[]): unknown {
  let cur: unknown = root;
  for (const k of keys) {
    const o = obj(cur);
    if (!o) return undefined;
    cur = o[k];
  }
  return cur;
}

/** `a.b[].c[].d` → arrays [["a","b"],["c"]] and the key path ["d"] within the innermost element. */
export function splitPath(path: string): { arrays: string[][]; key: string[] } {
  const parts = path.split("[].");
  const key = (parts.pop() ?? "").split(".");
  return { arrays: parts.map((p) => p.split(".")), key };
}

function compile(defs: readonly MeasurementDefinition[]): Walk[] {
  const walks = new Map<string, Walk>();
  for (const d of defs) {
    const v = splitPath(d.path);
    const t = splitPath(d.time);
    const shared = d.kind === "point";
    if (shared && JSON.stringify(v.arrays) !== JSON.stringify(t.arrays)) {
      throw new Error(`measurement ${d.name}: time ${d.time} is not in the same array as ${d.path}`);
    }
    const id = `${JSON.stringify(v.arrays)}|${d.kind === "nightly"}`;
    let walk = walks.get(id);
    if (!walk) {
      walk = { arrays: v.arrays, nightly: d.kind === "nightly", readers: [] };
      walks.set(id, walk);
    }
    walk.readers.push({
      code: d.code,
      value: v.key,
      time: shared ? t.key : d.time.split("."),
      skipWhen: Object.entries(d.skipWhen ?? {}),
      fraction: d.fractionOrPercent === true,
    });
  }
  return [...walks.values()];
}

const compiled = new WeakMap<MeasurementSelection, Map<string, Walk[]>>();

function walksFor(selection: MeasurementSelection, model: string): Walk[] {
  let byModel = compiled.get(selection);
  if (!byModel) {
    byModel = new Map();
    compiled.set(selection, byModel);
  }
  let walks = byModel.get(model);
  if (!walks) {
    walks = compile(MEASUREMENT_CATALOG.filter((m) => m.model === model && selection.codes.has(m.code)));
    byModel.set(model, walks);
  }
  return walks;
}

function elements(doc: unknown, arrays: readonly string[][]): unknown[] {
  let nodes: unknown[] = [doc];
  for (const path of arrays) {
    const next: unknown[] = [];
    for (const n of nodes) {
      const a = get(n, path);
      if (Array.isArray(a)) for (const e of a) if (obj(e)) next.push(e);
    }
    nodes = next;
  }
  return nodes;
}

/**
 * The selected measurements of one document of a Terra data type (types without measurements give
 * none). Each point carries its time as written; splitTimestamp turns it into a local time.
 */
export function extractMeasurements(
  type: string,
  doc: unknown,
  selection: MeasurementSelection = DEFAULT_MEASUREMENTS,
): MeasurementPoint[] {
  const out: MeasurementPoint[] = [];
  const walks = walksFor(selection, type);
  if (walks.length === 0) return out;
  const nap = get(doc, ["metadata", "is_nap"]) === true;
  for (const walk of walks) {
    if (walk.nightly && nap) continue;
    const items = walk.arrays.length === 0 ? [doc] : elements(doc, walk.arrays);
    for (const el of items) {
      for (const r of walk.readers) {
        const raw = get(el, r.value);
        if (typeof raw !== "number" || !Number.isFinite(raw)) continue;
        if (r.skipWhen.some(([k, v]) => obj(el)?.[k] === v)) continue;
        const time = get(el, r.time);
        if (typeof time !== "string") continue;
        const value = r.fraction && raw <= 1 ? Math.round(raw * 1e6) / 1e4 : raw;
        out.push({ code: r.code, time, value });
      }
    }
  }
  return out;
}
