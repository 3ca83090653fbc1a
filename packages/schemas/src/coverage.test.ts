// Coverage against Terra's published JSON Schemas: every property Terra lists must exist in ours,
// accept the same JSON type, accept null where Terra allows it, and be required where Terra
// requires it (unless listed below as a deliberate tolerance). Our side is compared through our
// own generated JSON Schema, so the shipped schema is what is checked.
import { hasShared, terraJsonSchemas } from "@wearables/test-support";
import { describe, expect, it } from "vitest";
import * as enums from "./enums.ts";
import { jsonSchemaOf, NAMED_SCHEMAS } from "./json-schema.ts";

type Node = Record<string, unknown>;

/** Terra schema name → our schema name, where they differ. */
const RENAMED: Record<string, string> = { AuthErrorEvent: "AuthCancelledEvent" };
/** Terra schemas that are not models: the base event, the union of events, an unused string enum. */
const NOT_MODELS = new Set(["WebhookEvent", "WebhookEventType", "EventType"]);

/** Keys Terra marks required that we accept when absent: `version` (older SDK types mark it optional). */
const OPTIONAL_ON_PURPOSE = new Set(["version"]);

/** Where we narrow Terra's plain number or string to a checked set of values (see the schemas). */
const NARROWED: Record<string, string> = {
  "ReadinessData.recovery_level": "RecoveryLevel 0–6 (2025 TypeSpec)",
};

function strip(node: Node): { alts: Node[]; nullable: boolean } {
  const alts = (node.anyOf ?? node.oneOf) as Node[] | undefined;
  if (!alts && Array.isArray(node.type)) {
    const types = (node.type as string[]).filter((t) => t !== "null");
    return {
      alts: [{ ...node, type: types.length === 1 ? types[0] : types }],
      nullable: types.length < node.type.length,
    };
  }
  if (!alts) return { alts: [node], nullable: node.type === "null" };
  const nonNull = alts.filter((a) => a.type !== "null");
  return { alts: nonNull, nullable: nonNull.length !== alts.length };
}

function jsonTypes(node: Node): Set<string> {
  if (node.enum)
    return new Set((node.enum as unknown[]).map((v) => (Number.isInteger(v) ? "integer" : typeof v)));
  if ("const" in node) return new Set([Number.isInteger(node.const) ? "integer" : typeof node.const]);
  const t = node.type;
  return new Set(Array.isArray(t) ? (t as string[]) : typeof t === "string" ? [t] : []);
}

function enumValues(node: Node): unknown[] | null {
  if (node.enum) return node.enum as unknown[];
  const alts = (node.oneOf ?? node.anyOf) as Node[] | undefined;
  if (alts?.length && alts.every((a) => "const" in a)) return alts.map((a) => a.const);
  if ("const" in node) return [node.const];
  return null;
}

describe.skipIf(!hasShared())("coverage of Terra's JSON Schemas", () => {
  const terra = hasShared() ? terraJsonSchemas() : new Map<string, Node>();

  function resolveTerra(node: Node, file: string): { node: Node; file: string } {
    const ref = node.$ref as string | undefined;
    if (!ref) return { node, file };
    if (ref.startsWith("#/$defs/")) {
      const defs = (terra.get(file)?.$defs ?? {}) as Record<string, Node>;
      return { node: defs[ref.slice(8)] as Node, file };
    }
    const name = ref.replace(/\.yaml$/, "");
    return { node: terra.get(name) as Node, file: name };
  }

  /** Properties and required keys of a Terra object, following allOf into its bases. */
  function terraObject(node: Node, file: string): { props: Record<string, Node>; required: Set<string> } {
    const props: Record<string, Node> = {};
    const required = new Set<string>();
    for (const base of (node.allOf ?? []) as Node[]) {
      const r = resolveTerra(base, file);
      if (r.file === "WebhookEvent") continue;
      const b = terraObject(r.node, r.file);
      Object.assign(props, b.props);
      for (const k of b.required) required.add(k);
    }
    Object.assign(props, node.properties ?? {});
    for (const k of (node.required ?? []) as string[]) required.add(k);
    return { props, required };
  }

  function compare(
    tNode: Node,
    tFile: string,
    oNode: Node,
    oRoot: Node,
    path: string,
    problems: string[],
    seen: Set<string>,
  ): void {
    const resolveOurs = (n: Node): Node => {
      let cur = n;
      while (typeof cur.$ref === "string") {
        cur = ((oRoot.$defs ?? {}) as Record<string, Node>)[
          (cur.$ref as string).replace("#/$defs/", "")
        ] as Node;
      }
      return cur;
    };
    const t = resolveTerra(tNode, tFile);
    const { alts: tAlts, nullable: tNull } = strip(t.node);
    const o = resolveOurs(oNode);
    const { alts: oAltsRaw, nullable: oNull } = strip(o);
    // Flatten our nested unions (a $ref to a union inside a nullable, for instance).
    const flatten = (n: Node): Node[] => {
      const r = resolveOurs(n);
      const inner = (r.anyOf ?? r.oneOf) as Node[] | undefined;
      return inner ? inner.flatMap(flatten) : [r];
    };
    const oAlts = oAltsRaw.flatMap(flatten);
    if (tNull && !oNull) problems.push(`${path}: Terra allows null, ours does not`);
    for (const rawAlt of tAlts) {
      const { node: tn, file } = resolveTerra(rawAlt, t.file);
      const values = enumValues(tn);
      if (values) {
        const ours = new Set(oAlts.flatMap((a) => enumValues(a) ?? []));
        const open = oAlts.some((a) => !enumValues(a) && jsonTypes(a).size > 0);
        const missing = values.filter((v) => !ours.has(v));
        if (!open && missing.length) problems.push(`${path}: enum values missing: ${missing.join(", ")}`);
        continue;
      }
      const types = jsonTypes(tn);
      if (types.has("object") || tn.properties) {
        const target = oAlts.find((a) => jsonTypes(a).has("object"));
        if (!target) {
          problems.push(`${path}: Terra has an object, ours does not`);
          continue;
        }
        const key = `${file}|${path.split(".").length > 6 ? file : path}`;
        if (seen.has(key)) continue;
        seen.add(key);
        if (tn.unevaluatedProperties || tn.additionalProperties) {
          const extra = (tn.unevaluatedProperties ?? tn.additionalProperties) as Node;
          const ourExtra = target.additionalProperties as Node | undefined;
          if (!ourExtra || !jsonTypes(resolveOurs(ourExtra)).has(String(extra.type))) {
            problems.push(`${path}: Terra has a map of ${String(extra.type)}, ours does not`);
          }
        }
        const { props, required } = terraObject(tn, file);
        const ourProps = (target.properties ?? {}) as Record<string, Node>;
        const ourRequired = new Set((target.required ?? []) as string[]);
        for (const [k, v] of Object.entries(props)) {
          const p = `${path}.${k}`;
          const ours = ourProps[k];
          if (!ours) {
            problems.push(`${p}: missing from ours`);
            continue;
          }
          if (required.has(k) && !ourRequired.has(k) && !OPTIONAL_ON_PURPOSE.has(k)) {
            problems.push(`${p}: required by Terra, optional in ours`);
          }
          if (ourRequired.has(k) && !required.has(k)) problems.push(`${p}: required in ours, not by Terra`);
          if (NARROWED[`${file}.${k}`]) continue;
          compare(v, file, ours, oRoot, p, problems, seen);
        }
        continue;
      }
      if (types.has("array")) {
        const target = oAlts.find((a) => jsonTypes(a).has("array"));
        if (!target) problems.push(`${path}: Terra has an array, ours does not`);
        else if (tn.prefixItems) {
          const ours = (target.prefixItems ?? []) as Node[];
          (tn.prefixItems as Node[]).forEach((item, i) => {
            if (!ours[i]) problems.push(`${path}[${i}]: missing tuple item`);
            else compare(item, file, ours[i], oRoot, `${path}[${i}]`, problems, seen);
          });
        } else compare(tn.items as Node, file, target.items as Node, oRoot, `${path}[]`, problems, seen);
        continue;
      }
      const ourTypes = new Set(oAlts.flatMap((a) => [...jsonTypes(a)]));
      for (const type of types) {
        const ok = ourTypes.has(type) || (type === "integer" && ourTypes.has("number"));
        if (!ok) problems.push(`${path}: Terra ${type}, ours ${[...ourTypes].join("|") || "nothing"}`);
      }
    }
  }

  const objectNames = [...terra.keys()].filter((n) => {
    const s = terra.get(n) as Node;
    return !NOT_MODELS.has(n) && !enumValues(s) && (s.properties || s.allOf);
  });

  it("finds Terra's schemas to compare against", () => {
    expect(objectNames.length).toBeGreaterThan(150);
  });

  it.each(objectNames)("%s: every Terra property is present and typed alike", (name) => {
    const ourName = RENAMED[name] ?? name;
    expect(NAMED_SCHEMAS.has(ourName), `no ${ourName}Schema exported`).toBe(true);
    const ours = jsonSchemaOf(ourName);
    const problems: string[] = [];
    compare({ $ref: `${name}.yaml` }, name, ours, ours, name, problems, new Set());
    expect(problems).toEqual([]);
  });

  const enumNames = [...terra.keys()].filter((n) => !NOT_MODELS.has(n) && enumValues(terra.get(n) as Node));

  it.each(enumNames)("enum %s: our const object has exactly Terra's values", (name) => {
    const ours = (enums as Record<string, unknown>)[name] as Record<string, unknown> | undefined;
    expect(ours, `no const object ${name}`).toBeDefined();
    const terraValues = enumValues(terra.get(name) as Node) ?? [];
    expect(new Set(Object.values(ours ?? {}))).toEqual(new Set(terraValues));
  });
});
