// JSON Schema of our zod schemas, for teams outside TypeScript. Every named schema of the package
// (models, sub-objects, enums, events, REST bodies) gets an id in a private registry, so a file
// for one model lists its sub-objects once under `$defs` by Terra's names instead of inlining
// them at every use. Generated files live in json-schema/ (`pnpm json-schema`); a test fails when
// they are stale.
import { z } from "zod";
import * as common from "./common.ts";
import * as enums from "./enums.ts";
import * as events from "./events/index.ts";
import * as activity from "./models/activity.ts";
import * as athlete from "./models/athlete.ts";
import * as body from "./models/body.ts";
import * as daily from "./models/daily.ts";
import * as healthObservation from "./models/health-observation.ts";
import * as hormone from "./models/hormone.ts";
import * as labReport from "./models/lab-report.ts";
import * as menstruation from "./models/menstruation.ts";
import * as nutrition from "./models/nutrition.ts";
import * as plannedWorkout from "./models/planned-workout.ts";
import * as shared from "./models/shared.ts";
import * as sleep from "./models/sleep.ts";
import * as user from "./models/user.ts";
import * as rest from "./rest.ts";
import { TIMESTAMP_JSON_PATTERNS } from "./timestamps.ts";
import { OPEN_ENUMS } from "./tolerance.ts";

const MODULES = [
  common,
  enums,
  shared,
  user,
  activity,
  athlete,
  body,
  daily,
  sleep,
  menstruation,
  nutrition,
  hormone,
  healthObservation,
  plannedWorkout,
  labReport,
  events,
  rest,
];

/** Every exported `<Name>Schema` of the Terra side of the package, by `<Name>`. */
export const NAMED_SCHEMAS: ReadonlyMap<string, z.ZodType> = (() => {
  const out = new Map<string, z.ZodType>();
  const seen = new Set<z.ZodType>();
  for (const mod of MODULES) {
    for (const [key, value] of Object.entries(mod)) {
      if (!key.endsWith("Schema") || !(value instanceof z.ZodType) || seen.has(value)) continue;
      seen.add(value);
      out.set(key.slice(0, -"Schema".length), value);
    }
  }
  return out;
})();

const registry = z.registry<{ id: string }>();
for (const [name, schema] of NAMED_SCHEMAS) registry.add(schema, { id: name });

const EXCLUDED_EVENTS = new Set(["KnownWebhookEvent", "WebhookEvent", "UnknownEvent"]);

/**
 * The schemas written to json-schema/<Name>.json: models, events and REST bodies.
 * `WebhookEvent.json` describes the input of WebhookEventSchema: any known event, or any object
 * with a string `type` (an unknown event).
 */
export const JSON_SCHEMA_FILES: readonly string[] = [
  "Activity",
  "Body",
  "Daily",
  "Sleep",
  "Menstruation",
  "Nutrition",
  "Athlete",
  "TerraUser",
  "HormoneSample",
  "HealthObservation",
  "PlannedWorkout",
  ...[...NAMED_SCHEMAS.keys()].filter((n) => n.endsWith("Event") && !EXCLUDED_EVENTS.has(n)),
  "UnknownEvent",
  "WebhookEvent",
  "DataSentToWebhook",
  "RequestProcessing",
  "NoDataReturned",
  "TerraErrorBody",
];

/** JSON Schema (draft 2020-12) of what the named schema accepts as input. */
export function jsonSchemaOf(name: string): Record<string, unknown> {
  const schema = NAMED_SCHEMAS.get(name === "WebhookEvent" ? "WebhookEventInput" : name);
  if (!schema) throw new Error(`no schema named ${name}`);
  return z.toJSONSchema(schema, {
    metadata: registry,
    io: "input",
    target: "draft-2020-12",
    unrepresentable: "any",
    cycles: "ref",
    reused: "inline",
    override: (ctx) => {
      // A refinement has no JSON Schema form; this one is a closed list, so it can be written out.
      if (ctx.zodSchema === events.UnknownEventTypeSchema) {
        ctx.jsonSchema.not = { enum: [...events.KNOWN_EVENT_TYPES].sort() };
      }
      // Open enums (ADR 0203): the known codes by name (values alone say little to a reader outside
      // TypeScript), or any other code of the same JSON type, which a later Terra may have added.
      const open = OPEN_ENUMS.get(ctx.zodSchema);
      if (open) {
        const type = ctx.jsonSchema.type;
        for (const key of Object.keys(ctx.jsonSchema)) delete ctx.jsonSchema[key];
        ctx.jsonSchema.anyOf = [
          { oneOf: Object.entries(open.values).map(([title, value]) => ({ const: value, title })) },
          {
            type,
            description: `a code Terra added to ${open.name} after this version: accepted, with a warning`,
          },
        ];
      }
      // A refinement has no JSON Schema form: the timestamp checks are written as their pattern.
      const pattern = TIMESTAMP_JSON_PATTERNS.get(ctx.zodSchema);
      if (pattern) ctx.jsonSchema.pattern = pattern.source;
    },
  }) as Record<string, unknown>;
}

/**
 * The `$id` of json-schema/<name>.json: a name, not a location (nothing is served there), stable
 * across versions of the package; every `$ref` inside a file points into its own `$defs`.
 */
export const jsonSchemaId = (name: string): string => `urn:wearables:schemas:${name}`;

/** The exact text of json-schema/<name>.json. */
export function renderJsonSchemaFile(name: string): string {
  const schema = { ...jsonSchemaOf(name) };
  const { $schema, ...rest } = schema;
  return `${JSON.stringify({ $schema, $id: jsonSchemaId(name), title: name, ...rest }, null, 2)}\n`;
}

const REST_BODIES = new Set(["DataSentToWebhook", "RequestProcessing", "NoDataReturned", "TerraErrorBody"]);

/** The exact text of json-schema/index.json: every file with its `$id` and what it describes. */
export function renderJsonSchemaIndex(): string {
  // Sorted: the order of JSON_SCHEMA_FILES follows module namespaces, which differ between loaders.
  const schemas = [...JSON_SCHEMA_FILES].sort().map((name) => ({
    name,
    $id: jsonSchemaId(name),
    file: `${name}.json`,
    kind: REST_BODIES.has(name) ? "rest" : name.endsWith("Event") ? "event" : "model",
  }));
  const index = {
    $comment: "Every JSON Schema (draft 2020-12) of @wearables/schemas; generated by `pnpm json-schema`.",
    schemas,
  };
  return `${JSON.stringify(index, null, 2)}\n`;
}
