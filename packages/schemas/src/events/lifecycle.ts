// Events about a connection or a request rather than records. `status` is kept as the string Terra
// sends (Terra documents one value per type, but a different word must not turn a lifecycle event
// into a failure); `auth` is the one type whose status separates two shapes. Events that need only
// the connection id accept `user.provider: null` (LifecycleUserSchema), and so do a successful `auth`
// and `user_reauth`'s `new_user`: ingest keeps a stored provider and names a new connection's
// provider UNKNOWN until an event names it.
import { z } from "zod";
import { Int, Num, TimestampSchema } from "../common.ts";
import { LifecycleUserSchema } from "../models/user.ts";

function userEvent<const T extends string>(type: T) {
  return z.looseObject({
    type: z.literal(type),
    status: z.string(),
    user: LifecycleUserSchema,
    message: z.string(),
  });
}

export const AuthSuccessEventSchema = z.looseObject({
  type: z.literal("auth"),
  status: z.literal("success"),
  user: LifecycleUserSchema,
  message: z.string().nullish(),
  reference_id: z.string().nullish(),
  widget_session_id: z.string().nullish(),
  flow_id: z.string().nullish(),
});
export type AuthSuccessEvent = z.infer<typeof AuthSuccessEventSchema>;

/** The older failure shape: `type: "auth"`, `status: "error"` (the 2026 spec sends auth_cancelled). */
export const AuthErrorEventSchema = z.looseObject({
  type: z.literal("auth"),
  status: z.literal("error"),
  user: LifecycleUserSchema.nullish(),
  provider: z.string().nullish(),
  message: z.string().nullish(),
  reason: z.string().nullish(),
  reference_id: z.string().nullish(),
  widget_session_id: z.string().nullish(),
});
export type AuthErrorEvent = z.infer<typeof AuthErrorEventSchema>;

export const AuthEventSchema = z.discriminatedUnion("status", [AuthSuccessEventSchema, AuthErrorEventSchema]);
export type AuthEvent = z.infer<typeof AuthEventSchema>;

/** Terra's 2026 failure event (its spec calls the schema AuthErrorEvent); it has no `user`. */
export const AuthCancelledEventSchema = z.looseObject({
  type: z.literal("auth_cancelled"),
  status: z.string(),
  flow_id: z.string().nullish(),
  reason: z.string().nullish(),
  reference_id: z.string().nullish(),
});
export type AuthCancelledEvent = z.infer<typeof AuthCancelledEventSchema>;

export const DeauthEventSchema = userEvent("deauth");
export type DeauthEvent = z.infer<typeof DeauthEventSchema>;
export const AccessRevokedEventSchema = userEvent("access_revoked");
export type AccessRevokedEvent = z.infer<typeof AccessRevokedEventSchema>;
export const ConnectionErrorEventSchema = userEvent("connection_error");
export type ConnectionErrorEvent = z.infer<typeof ConnectionErrorEventSchema>;
export const GoogleNoDatasourceEventSchema = userEvent("google_no_datasource");
export type GoogleNoDatasourceEvent = z.infer<typeof GoogleNoDatasourceEventSchema>;

/** Same provider account connected again: a new user id replaces the old one. */
export const UserReauthEventSchema = z.looseObject({
  type: z.literal("user_reauth"),
  status: z.string(),
  new_user: LifecycleUserSchema,
  old_user: LifecycleUserSchema.nullish(),
  message: z.string(),
  version: z.string().nullish(),
});
export type UserReauthEvent = z.infer<typeof UserReauthEventSchema>;

/** `scopes_added` / `scopes_removed` are comma-separated and may be "". */
export const PermissionChangeEventSchema = userEvent("permission_change").extend({
  version: z.string().nullish(),
  scopes_added: z.string(),
  scopes_removed: z.string(),
});
export type PermissionChangeEvent = z.infer<typeof PermissionChangeEventSchema>;

export const LargeRequestProcessingEventSchema = z.looseObject({
  type: z.literal("large_request_processing"),
  status: z.string(),
  user: LifecycleUserSchema,
  reference: z.string(),
  message: z.string(),
});
export type LargeRequestProcessingEvent = z.infer<typeof LargeRequestProcessingEventSchema>;

/** `expected_payloads`: how many data events the large request will deliver. */
export const LargeRequestSendingEventSchema = z.looseObject({
  type: z.literal("large_request_sending"),
  status: z.string().nullish(),
  user: LifecycleUserSchema,
  reference: z.string(),
  message: z.string(),
  expected_payloads: Int.min(0),
});
export type LargeRequestSendingEvent = z.infer<typeof LargeRequestSendingEventSchema>;

/** A provider throttled an async job; Terra retries at `retrying_at`. Not in the 2026 spec. */
export const RateLimitHitEventSchema = z.looseObject({
  type: z.literal("rate_limit_hit"),
  status: z.string().nullish(),
  user: LifecycleUserSchema,
  message: z.string().nullish(),
  start_date: z.string().nullish(),
  end_date: z.string().nullish(),
  retrying_at: TimestampSchema.nullish(),
});
export type RateLimitHitEvent = z.infer<typeof RateLimitHitEventSchema>;

/** Answer of a data request that Terra is still fetching; normally an HTTP body, not a webhook. */
export const ProcessingEventSchema = z.looseObject({
  type: z.literal("processing"),
  status: z.string().nullish(),
  user: LifecycleUserSchema,
  message: z.string().nullish(),
  retry_after_seconds: Num.min(0).nullish(),
});
export type ProcessingEvent = z.infer<typeof ProcessingEventSchema>;

/**
 * Periodic delivery check with no user. Not in Terra's spec; seen on real deliveries with
 * `creation_timestamp` written with a space ("2025-07-04 21:37:36.638145+00:00").
 */
export const HealthcheckEventSchema = z.looseObject({
  type: z.literal("healthcheck"),
  status: z.string().nullish(),
  creation_timestamp: TimestampSchema.nullish(),
  trend_percentage: Num.nullish(),
  sent_webhooks_last_hour: Int.nullish(),
  version: z.string().nullish(),
});
export type HealthcheckEvent = z.infer<typeof HealthcheckEventSchema>;

/** Ping mode: the event itself is at `url` (pre-signed GET) for `expires_in` seconds. */
export const S3PayloadEventSchema = z.looseObject({
  type: z.literal("s3_payload"),
  status: z.string(),
  url: z.string().min(1),
  expires_in: Num.min(0),
});
export type S3PayloadEvent = z.infer<typeof S3PayloadEventSchema>;
