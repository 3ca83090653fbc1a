// The warnings of a record that passed the tolerant check but not the strict one: a walk of the
// record guided by its schema, calling each tolerated check's predicate in strict mode. zod's own
// strict-mode parse finds the same (a test holds them equal) but builds an issue per oddity, about
// 4 µs each: 16,000 samples with a `Z` timestamp took ~60 ms. The walk is built once per schema
// position, skips every field whose schema holds no tolerated check, and merges as it goes.
import type { z } from "zod";
import { type SchemaWarning, strictly, TOLERATED, type Tolerated } from "./tolerance.ts";

interface Def {
  type: string;
  checks?: { _zod: { def: { fn?: unknown } } }[];
  innerType?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  items?: z.ZodType[];
  rest?: z.ZodType | null;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  in?: z.ZodType;
  getter?: () => z.ZodType;
}

interface Walk {
  /** By code and field pattern, then by message. */
  merged: Map<string, Map<string, SchemaWarning>>;
  /** Keys and indices from the walked value to the current node. */
  path: (string | number)[];
  prefix: string;
}
type Visitor = (value: unknown, walk: Walk) => void;

const NOOP: Visitor = () => {};
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

function toleratedChecks(def: Def): [(v: unknown) => boolean, Tolerated][] {
  const out: [(v: unknown) => boolean, Tolerated][] = [];
  for (const c of def.checks ?? []) {
    const fn = c._zod.def.fn as ((v: unknown) => boolean) | undefined;
    const t = fn && TOLERATED.get(fn);
    if (fn && t) out.push([fn, t]);
  }
  return out;
}

function children(def: Def): z.ZodType[] {
  switch (def.type) {
    case "optional":
    case "nullable":
      return [def.innerType as z.ZodType];
    case "object":
      return Object.values(def.shape ?? {});
    case "array":
      return [def.element as z.ZodType];
    case "tuple":
      return [...(def.items ?? []), ...(def.rest ? [def.rest] : [])];
    case "record":
      return [def.valueType as z.ZodType];
    case "union":
      return def.options ?? [];
    case "pipe":
      return [def.in as z.ZodType];
    case "lazy":
      return [(def.getter as () => z.ZodType)()];
    default:
      return [];
  }
}

const holds = new WeakMap<z.ZodType, boolean>();
/** Whether any tolerated check sits in `schema` or below (a cycle back to an open node adds nothing). */
function holdsTolerated(schema: z.ZodType, open = new Set<z.ZodType>()): boolean {
  const known = holds.get(schema);
  if (known !== undefined) return known;
  if (open.has(schema)) return false;
  open.add(schema);
  const def = defOf(schema);
  const result = toleratedChecks(def).length > 0 || children(def).some((c) => holdsTolerated(c, open));
  open.delete(schema);
  holds.set(schema, result);
  return result;
}

function report(walk: Walk, t: Tolerated, site: string, value: unknown): void {
  const message = t.message(value);
  let byMessage = walk.merged.get(site);
  if (!byMessage) {
    byMessage = new Map();
    walk.merged.set(site, byMessage);
  }
  const seen = byMessage.get(message);
  if (seen) seen.count++;
  else byMessage.set(message, { path: walk.prefix + walk.path.join("."), code: t.code, message, count: 1 });
}

/** The visitor of `schema` at one position; `shape` is that position's field pattern (indices `*`). */
function visitor(schema: z.ZodType, shape: string): Visitor {
  if (!holdsTolerated(schema)) return NOOP;
  const def = defOf(schema);
  // Each check's merge key at this position: its code and the field pattern.
  const checks = toleratedChecks(def).map(([fn, t]) => [fn, t, `${t.code}\u0000${shape}`] as const);
  const own: Visitor = checks.length
    ? (v, walk) => {
        for (const [fn, t, site] of checks) if (!strictly(fn, v)) report(walk, t, site, v);
      }
    : NOOP;
  const inner = structure(def, shape);
  if (own === NOOP) return inner;
  if (inner === NOOP) return own;
  return (v, walk) => {
    own(v, walk);
    inner(v, walk);
  };
}

/** Children are built on first use: a recursive schema (planned workout steps) unfolds only as deep as its data. */
function structure(def: Def, shape: string): Visitor {
  const at = (key: string) => (shape ? `${shape}.${key}` : key);
  switch (def.type) {
    case "optional":
    case "nullable": {
      let inner: Visitor | undefined;
      return (v, walk) => {
        if (v === undefined || v === null) return;
        inner ??= visitor(def.innerType as z.ZodType, shape);
        inner(v, walk);
      };
    }
    case "object": {
      let fields: [string, Visitor][] | undefined;
      return (v, walk) => {
        if (!v || typeof v !== "object") return;
        fields ??= Object.entries(def.shape ?? {})
          .filter(([, s]) => holdsTolerated(s))
          .map(([key, s]) => [key, visitor(s, at(key))]);
        for (const [key, visit] of fields) {
          const child = (v as Record<string, unknown>)[key];
          if (child === undefined) continue;
          walk.path.push(key);
          visit(child, walk);
          walk.path.pop();
        }
      };
    }
    case "array":
    case "tuple":
    case "record": {
      const items: (Visitor | undefined)[] = [];
      let rest: Visitor | undefined;
      const itemAt = (i: number): Visitor => {
        if (def.type === "tuple" && i < (def.items?.length ?? 0)) {
          items[i] ??= visitor((def.items as z.ZodType[])[i] as z.ZodType, at("*"));
          return items[i] as Visitor;
        }
        const element = def.type === "array" ? def.element : def.type === "record" ? def.valueType : def.rest;
        rest ??= element ? visitor(element, at("*")) : NOOP;
        return rest;
      };
      return (v, walk) => {
        if (Array.isArray(v)) {
          for (let i = 0; i < v.length; i++) {
            walk.path.push(i);
            itemAt(i)(v[i], walk);
            walk.path.pop();
          }
        } else if (v && typeof v === "object" && def.type === "record") {
          for (const [key, child] of Object.entries(v)) {
            walk.path.push(key);
            itemAt(0)(child, walk);
            walk.path.pop();
          }
        }
      };
    }
    case "union": {
      // zod's union answers with its first option that passes; the walk follows the same one.
      const options = new Map<z.ZodType, Visitor>();
      return (v, walk) => {
        const option = def.options?.find((o) => o.safeParse(v).success);
        if (!option) return;
        if (!options.has(option)) options.set(option, visitor(option, shape));
        (options.get(option) as Visitor)(v, walk);
      };
    }
    case "pipe":
    case "lazy": {
      let inner: Visitor | undefined;
      return (v, walk) => {
        inner ??= visitor(
          def.type === "pipe" ? (def.in as z.ZodType) : (def.getter as () => z.ZodType)(),
          shape,
        );
        inner(v, walk);
      };
    }
    default:
      return NOOP;
  }
}

const roots = new WeakMap<z.ZodType, Visitor>();

/**
 * Warnings for `value`, which must pass `schema` in tolerant mode: one per code, message and field
 * pattern (array indices aside), with the first path found and a count. Paths start with `prefix`.
 */
export function warningsOf(schema: z.ZodType, value: unknown, prefix = ""): SchemaWarning[] {
  let visit = roots.get(schema);
  if (!visit) {
    visit = visitor(schema, "");
    roots.set(schema, visit);
  }
  const walk: Walk = { merged: new Map(), path: [], prefix };
  visit(value, walk);
  return [...walk.merged.values()].flatMap((byMessage) => [...byMessage.values()]);
}
