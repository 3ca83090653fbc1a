// Type guards over the parsed event union: `isDataEvent` for the six `data: T[]` types, one per type.
import type { KnownEventType, UnknownEvent, WebhookEvent } from "./index.ts";

/** The six events whose `data` is an array of one of our stored models. */
export const DATA_EVENT_TYPES = ["activity", "body", "daily", "sleep", "menstruation", "nutrition"] as const;
export type DataEventType = (typeof DATA_EVENT_TYPES)[number];

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
