import type { TerraDoc } from "./generator/index.ts";
import { type SandboxUser, terraUser } from "./users.ts";

/** Payload schema version on data events. */
export const PAYLOAD_VERSION = "2022-03-16";

type Event = Record<string, unknown>;

export function authSuccessEvent(u: SandboxUser, widgetSessionId: string | null = null): Event {
  return {
    type: "auth",
    status: "success",
    user: terraUser(u),
    message: "User has successfully authenticated",
    reference_id: u.reference_id,
    widget_session_id: widgetSessionId,
    version: PAYLOAD_VERSION,
  };
}

export function deauthEvent(u: SandboxUser): Event {
  return {
    type: "deauth",
    status: "success",
    user: { ...terraUser(u), active: false },
    message: "User has deauthenticated",
    version: PAYLOAD_VERSION,
  };
}

export function userReauthEvent(oldUser: SandboxUser, newUser: SandboxUser): Event {
  return {
    type: "user_reauth",
    status: "warning",
    old_user: terraUser(oldUser),
    new_user: terraUser(newUser),
    message: "User has reauthenticated and old ID has been deleted",
    version: PAYLOAD_VERSION,
  };
}

export function accessRevokedEvent(u: SandboxUser): Event {
  return { type: "access_revoked", status: "warning", user: terraUser(u), message: "User revoked access" };
}

export function connectionErrorEvent(u: SandboxUser): Event {
  return {
    type: "connection_error",
    status: "warning",
    user: terraUser(u),
    message: "User connection degraded",
  };
}

export function permissionChangeEvent(u: SandboxUser, scopesAdded: string, scopesRemoved: string): Event {
  return {
    type: "permission_change",
    status: "warning",
    user: terraUser(u),
    message: "User permissions have been modified",
    version: PAYLOAD_VERSION,
    scopes_added: scopesAdded,
    scopes_removed: scopesRemoved,
  };
}

export function largeRequestProcessingEvent(u: SandboxUser, reference: string): Event {
  return {
    type: "large_request_processing",
    status: "processing",
    user: terraUser(u),
    reference,
    message: "Large request is processing",
  };
}

export function largeRequestSendingEvent(u: SandboxUser, reference: string, expectedPayloads: number): Event {
  return {
    type: "large_request_sending",
    user: terraUser(u),
    reference,
    message: "Large request is being sent",
    expected_payloads: expectedPayloads,
  };
}

export function dataEvent(type: string, u: SandboxUser, data: TerraDoc[]): Event {
  return { type, user: terraUser(u), data, version: PAYLOAD_VERSION };
}

export function athleteEvent(u: SandboxUser, athlete: TerraDoc): Event {
  return { type: "athlete", user: terraUser(u), athlete, version: PAYLOAD_VERSION };
}

/** Terra's periodic healthcheck (not in SPEC26; shape from a captured delivery, NOTES §2.4). */
export function healthcheckEvent(nowMs: number, sentLastHour: number): Event {
  const iso = new Date(nowMs).toISOString();
  return {
    type: "healthcheck",
    status: "normal",
    // Terra writes this one with a space and microseconds, not the ISO `T`.
    creation_timestamp: `${iso.slice(0, 10)} ${iso.slice(11, 23)}000+00:00`,
    trend_percentage: 0,
    sent_webhooks_last_hour: sentLastHour,
    version: PAYLOAD_VERSION,
  };
}

/** A widget flow the user abandoned or refused (2026 shape: no user, nothing was created). */
export function authCancelledEvent(
  flowId: string,
  referenceId: string | null,
  reason = "access_denied",
): Event {
  return { type: "auth_cancelled", status: "error", flow_id: flowId, reason, reference_id: referenceId };
}
