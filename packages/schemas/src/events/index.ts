// The webhook event union. Known types are checked strictly against their own schema; any other
// `type` becomes an UnknownEvent (Terra adds event types without notice, and an unknown one must be
// acknowledged, not failed). See docs/adr/0200-unknown-webhook-events.md for the shape chosen.
import { z } from "zod";
import { type HotParser, hotParser } from "../common.ts";
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

/** The six events whose `data` is an array of one of our stored models. */
export const DATA_EVENT_TYPES = ["activity", "body", "daily", "sleep", "menstruation", "nutrition"] as const;
export type DataEventType = (typeof DATA_EVENT_TYPES)[number];

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

/**
 * One parser per known type, compiled by zod (`z.compile`: generated code, same semantics, the
 * interpreter still produces the errors) once the type has been seen a few times (ADR 0201).
 * Dispatching on `type` ourselves also keeps a malformed known event from being tried against
 * the other 25 shapes.
 */
const parsers = new Map<string, HotParser<unknown> | ((input: unknown) => z.ZodSafeParseResult<unknown>)>();
function parserFor(type: string): HotParser<unknown> | ((input: unknown) => z.ZodSafeParseResult<unknown>) {
  let parser = parsers.get(type);
  if (!parser) {
    const option = KnownWebhookEventSchema.options.find((o) =>
      "options" in o ? o.options.some((x) => x.shape.type.value === type) : o.shape.type.value === type,
    );
    parser = option ? hotParser(option as z.ZodType) : (input) => UnknownEventSchema.safeParse(input);
    parsers.set(type, parser);
  }
  return parser;
}

/**
 * Compiles the parsers of these event types now rather than after their first few uses (ADR
 * 0201). A server calls it at start: before compilation a valid event is returned as a deep copy
 * built by zod's interpreter, which for a 20 MB delivery is tens of MB more at its peak. Costs
 * about 0.1–0.3 s per type, once per process.
 */
export function compileWebhookEventParsers(types: readonly string[]): void {
  for (const type of types) {
    const parser = parserFor(type);
    if ("compileNow" in parser) parser.compileNow();
  }
}

/**
 * Any webhook body. A known `type` is validated by its own schema (errors keep their path, e.g.
 * `data[0].metadata.start_time`); an unknown `type` becomes an UnknownEvent. Only a body that is
 * not an object with a string `type` fails at the top.
 */
export const WebhookEventSchema = z
  .looseObject({ type: z.string() })
  .transform((input, ctx): KnownWebhookEvent | UnknownEvent => {
    const result = parserFor(input.type)(input);
    if (result.success) return result.data as KnownWebhookEvent | UnknownEvent;
    for (const issue of result.error.issues) {
      ctx.addIssue({ ...issue, input: undefined } as Parameters<typeof ctx.addIssue>[0]);
    }
    return z.NEVER;
  });
export type WebhookEvent = KnownWebhookEvent | UnknownEvent;

/** The same union for JSON Schema: what Terra may send (an unknown type is any object with `type`). */
export const WebhookEventInputSchema = z.union([KnownWebhookEventSchema, UnknownEventSchema]);

/** Parses a webhook body; never throws. */
export function parseWebhookEvent(json: unknown) {
  return WebhookEventSchema.safeParse(json);
}

export type DataEvent = Extract<WebhookEvent, { type: DataEventType }>;
const DATA_EVENT_SET: ReadonlySet<string> = new Set(DATA_EVENT_TYPES);

/** Narrows to the six `data: T[]` events (activity, body, daily, sleep, menstruation, nutrition). */
export function isDataEvent(e: WebhookEvent): e is DataEvent {
  return DATA_EVENT_SET.has(e.type);
}

export function isUnknownEvent(e: WebhookEvent): e is UnknownEvent {
  return e.type === "unknown";
}

function guard<const T extends KnownEventType>(type: T) {
  return (e: WebhookEvent): e is Extract<WebhookEvent, { type: T }> => e.type === type;
}
export const isActivityEvent = guard("activity");
export const isBodyEvent = guard("body");
export const isDailyEvent = guard("daily");
export const isSleepEvent = guard("sleep");
export const isMenstruationEvent = guard("menstruation");
export const isNutritionEvent = guard("nutrition");
export const isAthleteEvent = guard("athlete");
export const isHormoneEvent = guard("hormone");
export const isHealthObservationEvent = guard("health_observation");
export const isPlannedWorkoutEvent = guard("planned_workout");
export const isLabReportCompletedEvent = guard("lab_report.completed");
export const isLabReportFailedEvent = guard("lab_report.failed");
export const isAuthEvent = guard("auth");
export const isAuthCancelledEvent = guard("auth_cancelled");
export const isDeauthEvent = guard("deauth");
export const isUserReauthEvent = guard("user_reauth");
export const isAccessRevokedEvent = guard("access_revoked");
export const isConnectionErrorEvent = guard("connection_error");
export const isGoogleNoDatasourceEvent = guard("google_no_datasource");
export const isPermissionChangeEvent = guard("permission_change");
export const isLargeRequestProcessingEvent = guard("large_request_processing");
export const isLargeRequestSendingEvent = guard("large_request_sending");
export const isRateLimitHitEvent = guard("rate_limit_hit");
export const isProcessingEvent = guard("processing");
export const isHealthcheckEvent = guard("healthcheck");
export const isS3PayloadEvent = guard("s3_payload");
