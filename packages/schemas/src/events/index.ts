// The webhook event union. Known types are checked strictly against their own schema; any other
// `type` becomes an UnknownEvent (Terra adds event types without notice, and an unknown one must be
// acknowledged, not failed). See docs/adr/0200-unknown-webhook-events.md for the shape chosen.
import { z } from "zod";
import { type HotSchema, hotSchema } from "../common.ts";
import { parseWhole, parseWithRecords, type RecordFailure, type SchemaIssue, toIssues } from "../detailed.ts";
import type { SchemaWarning } from "../tolerance.ts";
import {
  ActivityEventSchema,
  AthleteEventSchema,
  BodyEventSchema,
  DailyEventSchema,
  HealthObservationEventSchema,
  HormoneEventSchema,
  LabReportCompletedEventSchema,
  LabReportFailedEventSchema,
  MenstruationEventSchema,
  NutritionEventSchema,
  PlannedWorkoutEventSchema,
  SleepEventSchema,
} from "./data.ts";
import {
  AccessRevokedEventSchema,
  AuthCancelledEventSchema,
  AuthEventSchema,
  ConnectionErrorEventSchema,
  DeauthEventSchema,
  GoogleNoDatasourceEventSchema,
  HealthcheckEventSchema,
  LargeRequestProcessingEventSchema,
  LargeRequestSendingEventSchema,
  PermissionChangeEventSchema,
  ProcessingEventSchema,
  RateLimitHitEventSchema,
  S3PayloadEventSchema,
  UserReauthEventSchema,
} from "./lifecycle.ts";

export * from "./data.ts";
export * from "./guards.ts";
export * from "./lifecycle.ts";

export const KnownWebhookEventSchema = z.discriminatedUnion("type", [
  ActivityEventSchema,
  BodyEventSchema,
  DailyEventSchema,
  SleepEventSchema,
  MenstruationEventSchema,
  NutritionEventSchema,
  AthleteEventSchema,
  HormoneEventSchema,
  HealthObservationEventSchema,
  PlannedWorkoutEventSchema,
  LabReportCompletedEventSchema,
  LabReportFailedEventSchema,
  AuthEventSchema,
  AuthCancelledEventSchema,
  DeauthEventSchema,
  UserReauthEventSchema,
  AccessRevokedEventSchema,
  ConnectionErrorEventSchema,
  GoogleNoDatasourceEventSchema,
  PermissionChangeEventSchema,
  LargeRequestProcessingEventSchema,
  LargeRequestSendingEventSchema,
  RateLimitHitEventSchema,
  ProcessingEventSchema,
  HealthcheckEventSchema,
  S3PayloadEventSchema,
]);
export type KnownWebhookEvent = z.infer<typeof KnownWebhookEventSchema>;
export type KnownEventType = KnownWebhookEvent["type"];

/** Every `type` with its own schema. */
export const KNOWN_EVENT_TYPES: ReadonlySet<string> = new Set(
  KnownWebhookEventSchema.options.flatMap((o) =>
    "options" in o ? o.options.map((x) => x.shape.type.value) : [o.shape.type.value],
  ),
);

/** Any `type` but a known one (JSON Schema gets the same rule as `not: { enum }`). */
export const UnknownEventTypeSchema = z
  .string()
  .refine((t) => !KNOWN_EVENT_TYPES.has(t), { message: "a known event type" });

/**
 * An event of a type we do not know. Parsed into `{ type: "unknown", event_type, payload }` so that
 * `switch (event.type)` narrows every known event exactly; `event_type` is Terra's `type` and
 * `payload` the whole object as sent.
 */
export const UnknownEventSchema = z
  // Nothing but `type` is checked: we know nothing else about an event we do not know.
  .looseObject({ type: UnknownEventTypeSchema })
  .transform((payload) => ({
    type: "unknown" as const,
    event_type: payload.type,
    payload: payload as Record<string, unknown> & { type: string },
  }));
export type UnknownEvent = z.output<typeof UnknownEventSchema>;

/** The schema of each known `type` (auth is itself a union on `status`). */
const SCHEMA_BY_TYPE = new Map<string, z.ZodType>(
  KnownWebhookEventSchema.options.flatMap((o) =>
    ("options" in o ? o.options : [o]).map((x) => [x.shape.type.value, o as z.ZodType] as const),
  ),
);
const schemaFor = (type: string) => SCHEMA_BY_TYPE.get(type);

/**
 * One parser per known type, compiled by zod (`z.compile`: generated code, same semantics, the
 * interpreter still produces the errors) once the type has been seen a few times (ADR 0201).
 * Dispatching on `type` ourselves also keeps a malformed known event from being tried against
 * the other 25 shapes.
 */
function parserFor(type: string): HotSchema<unknown> | undefined {
  const schema = schemaFor(type);
  return schema ? hotSchema(schema) : undefined;
}

/**
 * Compiles the parsers of these event types now rather than after their first few uses (ADR
 * 0201). A server calls it at start: before compilation a valid event is returned as a deep copy
 * built by zod's interpreter, which for a 20 MB delivery is tens of MB more at its peak. Costs
 * about 0.1–0.3 s per type, once per process.
 */
export function compileWebhookEventParsers(types: readonly string[]): void {
  for (const type of types) parserFor(type)?.compileNow();
}

/**
 * Any webhook body. A known `type` is validated by its own schema (errors keep their path, e.g.
 * `data[0].metadata.start_time`); an unknown `type` becomes an UnknownEvent. Only a body that is
 * not an object with a string `type` fails at the top.
 */
export const WebhookEventSchema = z
  .looseObject({ type: z.string() })
  .transform((input, ctx): KnownWebhookEvent | UnknownEvent => {
    const parser = parserFor(input.type);
    const result = parser ? parser.parse(input) : UnknownEventSchema.safeParse(input);
    if (result.success) return result.data as KnownWebhookEvent | UnknownEvent;
    for (const issue of result.error.issues) {
      ctx.addIssue({ ...issue, input: undefined } as Parameters<typeof ctx.addIssue>[0]);
    }
    return z.NEVER;
  });
export type WebhookEvent = KnownWebhookEvent | UnknownEvent;

/** The same union for JSON Schema: what Terra may send (an unknown type is any object with `type`). */
export const WebhookEventInputSchema = z.union([KnownWebhookEventSchema, UnknownEventSchema]);

/**
 * Parses a webhook body; never throws. All or nothing: one bad record fails the event (see
 * parseWebhookEventDetailed). Tolerated oddities (an unknown enum code, …) pass, unreported.
 */
export function parseWebhookEvent(json: unknown) {
  return WebhookEventSchema.safeParse(json);
}

export type DetailedEventParse =
  | { success: true; data: WebhookEvent; warnings: SchemaWarning[]; failedRecords: RecordFailure[] }
  | { success: false; issues: SchemaIssue[] };

const EnvelopeRootSchema = z.looseObject({ type: z.string() });

/**
 * Parses a webhook body record by record; never throws (ADR 0203). A data event (`data: T[]`)
 * succeeds when its envelope is valid: `data.data` holds only the records that passed, in their
 * original order (the body itself when all did), `failedRecords` the others by index, `warnings`
 * what was accepted without being known. The athlete event's `athlete` is its only record: if it
 * fails, the event fails. Lifecycle and informational events pass or fail whole. An unknown `type`
 * is an UnknownEvent (ADR 0200). A valid, fully standard event costs one compiled check.
 */
export function parseWebhookEventDetailed(json: unknown): DetailedEventParse {
  const root = EnvelopeRootSchema.safeParse(json);
  if (!root.success) return { success: false, issues: toIssues(root.error.issues) };
  const type = root.data.type;
  const schema = schemaFor(type);
  if (!schema) {
    const unknown = UnknownEventSchema.parse(json);
    return { success: true, data: unknown, warnings: [], failedRecords: [] };
  }
  const records = recordSchemaOf(schema);
  return records
    ? parseWithRecords<WebhookEvent>(json, hotSchema(schema), hotSchema(records))
    : parseWhole<WebhookEvent>(json, hotSchema(schema));
}

/** The record schema of an event whose `data` is an array of records, else undefined. */
function recordSchemaOf(schema: z.ZodType): z.ZodType | undefined {
  const data = (schema as { shape?: Record<string, z.ZodType> }).shape?.data;
  return data instanceof z.ZodArray ? (data.element as z.ZodType) : undefined;
}
