import { z } from "zod";

/**
 * Field selection: which parts of a record are stored, per data type. The format (a JSON file
 * named by FIELD_SELECTION) is documented in packages/ingest/README.md:
 *
 *   { "body":  { "exclude": ["device_data.serial_number", "heart_data.ecg_signal"] },
 *     "sleep": { "include": ["metadata", "sleep_durations_data", "heart_rate_data.summary"] } }
 *
 * A path is dot-separated keys; arrays are crossed transparently (the path applies to every
 * element) and `*` matches any one key. `include` keeps only the listed subtrees (`metadata` is
 * always kept, as the natural key lives there); `exclude` then removes subtrees.
 */
const PathSchema = z
  .string()
  .regex(/^[^.]+(\.[^.]+)*$/, "a dot-separated path such as device_data.serial_number");

export const TypeSelectionSchema = z.strictObject({
  include: z.array(PathSchema).optional(),
  exclude: z.array(PathSchema).optional(),
});

export const FieldSelectionSchema = z.record(z.string(), TypeSelectionSchema);
export type TypeSelection = z.infer<typeof TypeSelectionSchema>;
export type FieldSelection = z.infer<typeof FieldSelectionSchema>;

/** Keys that are always kept by an include list. */
const ALWAYS_KEPT = ["metadata"];

interface PathTree {
  [key: string]: PathTree | true;
}

function toTree(paths: readonly string[]): PathTree {
  const root: PathTree = {};
  for (const p of paths) {
    const parts = p.split(".");
    let node = root;
    for (let i = 0; i < parts.length; i++) {
      const key = parts[i] as string;
      if (i === parts.length - 1) {
        node[key] = true;
        break;
      }
      const next = node[key];
      if (next === true) break; // a shorter path already selects the whole subtree
      node = node[key] = next ?? {};
    }
  }
  return root;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function mergeTrees(
  a: PathTree | true | undefined,
  b: PathTree | true | undefined,
): PathTree | true | undefined {
  if (a === true || b === true) return true;
  if (!a) return b;
  if (!b) return a;
  const out: PathTree = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = mergeTrees(out[k], v) as PathTree | true;
  return out;
}

function keep(value: unknown, tree: PathTree): unknown {
  if (Array.isArray(value)) return value.map((v) => keep(v, tree));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const sub = mergeTrees(tree[k], tree["*"]);
    if (sub === undefined) continue;
    out[k] = sub === true ? v : keep(v, sub);
  }
  return out;
}

function drop(value: unknown, tree: PathTree): unknown {
  if (Array.isArray(value)) return value.map((v) => drop(v, tree));
  if (!isPlainObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const sub = mergeTrees(tree[k], tree["*"]);
    if (sub === true) continue;
    out[k] = sub === undefined ? v : drop(v, sub);
  }
  return out;
}

/** A compiled selection for one type: apply it with `selectFields`. */
export interface CompiledSelection {
  include: PathTree | null;
  exclude: PathTree | null;
}

export function compileSelection(selection: TypeSelection | undefined): CompiledSelection | null {
  if (!selection || (!selection.include && !selection.exclude)) return null;
  return {
    include: selection.include ? toTree([...ALWAYS_KEPT, ...selection.include]) : null,
    exclude: selection.exclude ? toTree(selection.exclude) : null,
  };
}

/** Returns a copy of the record with only the selected fields; the input is not modified. */
export function selectFields<T>(record: T, selection: CompiledSelection | null): T {
  if (!selection) return record;
  let out: unknown = record;
  if (selection.include) out = keep(out, selection.include);
  if (selection.exclude) out = drop(out, selection.exclude);
  return out as T;
}
