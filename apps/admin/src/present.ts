// Storage rows → API bodies. Kept apart so the wire format does not follow column renames by accident.
import type { ApiBackfillJob, ApiDaySummary, ApiEvent, ApiUser } from "@wearables/schemas";
import type { BackfillJobRow, DaySummary, JobProgress } from "@wearables/storage";

const iso = (d: Date | string | null | undefined): string | null =>
  d === null || d === undefined ? null : d instanceof Date ? d.toISOString() : new Date(d).toISOString();

export interface ConnectionRow {
  userId: string;
  provider: string;
  referenceId: string | null;
  status: ApiUser["status"];
  statusReason: string | null;
  scopes: string | null;
  createdAt: Date;
  updatedAt: Date;
  connectedAt: Date | null;
  deauthorizedAt: Date | null;
  lastEventAt: Date | null;
  replacedBy: string | null;
  replaces: string | null;
}

export function presentUser(r: ConnectionRow): ApiUser {
  return {
    user_id: r.userId,
    provider: r.provider,
    reference_id: r.referenceId,
    status: r.status,
    status_reason: r.statusReason,
    scopes: r.scopes,
    created_at: iso(r.createdAt) ?? "",
    updated_at: iso(r.updatedAt) ?? "",
    connected_at: iso(r.connectedAt),
    deauthorized_at: iso(r.deauthorizedAt),
    last_event_at: iso(r.lastEventAt),
    replaced_by: r.replacedBy,
    replaces: r.replaces,
  };
}

export interface EventRow {
  id: number;
  type: string | null;
  status: ApiEvent["status"];
  userId: string | null;
  reference: string | null;
  source: string;
  receivedAt: Date;
  processedAt: Date | null;
  attempts: number;
  bodyBytes: number;
  error: string | null;
  warnings?: { path: string; code: string; message: string }[] | null;
}

export function presentEvent(r: EventRow): ApiEvent {
  return {
    id: r.id,
    type: r.type,
    status: r.status,
    user_id: r.userId,
    reference: r.reference,
    source: r.source,
    received_at: iso(r.receivedAt) ?? "",
    processed_at: iso(r.processedAt),
    attempts: r.attempts,
    body_bytes: r.bodyBytes,
    error: r.error,
    warnings: r.warnings ?? [],
  };
}

export function presentJob(r: BackfillJobRow, p: JobProgress): ApiBackfillJob {
  return {
    id: r.id,
    user_id: r.userId,
    types: r.dataTypes,
    start_date: r.startDate,
    end_date: r.endDate,
    status: r.status,
    error: r.error,
    finished_at: iso(r.finishedAt),
    requested_by: r.requestedBy,
    created_at: iso(r.createdAt) ?? "",
    updated_at: iso(r.updatedAt),
    progress: {
      windows_total: p.total,
      windows_done: p.done,
      windows_failed: p.failed,
      windows_pending: p.pending,
      documents: p.documents,
    },
  };
}

/** Terra's sleep_efficiency arrives as 0.91 or as 93.2 depending on the provider path. */
export function efficiencyPercent(v: number | null): number | null {
  if (v === null) return null;
  return v <= 1 ? Math.round(v * 1000) / 10 : v;
}

export function presentDay(d: DaySummary): ApiDaySummary {
  return {
    date: d.date,
    steps: d.steps,
    distance_meters: d.distanceMeters,
    active_calories: d.activeCalories,
    weight_kg: d.weightKg,
    bodyfat_percentage: d.bodyfatPercentage,
    systolic_bp: d.systolicBp,
    diastolic_bp: d.diastolicBp,
    resting_hr_bpm: d.restingHrBpm,
    sleep_duration_seconds: d.sleepSeconds,
    sleep_efficiency: efficiencyPercent(d.sleepEfficiency),
    afib_positive_count: d.afibPositiveCount,
  };
}

export { iso };
