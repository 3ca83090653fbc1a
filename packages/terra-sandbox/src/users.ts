import { createRng, round } from "./prng.ts";
import { addDays } from "./time.ts";

/** Zones chosen to cover both hemispheres, DST and non-hour offsets (+05:30, +12:45 in summer…). */
export const TIME_ZONES = [
  "Europe/Paris",
  "America/New_York",
  "Asia/Tokyo",
  "Australia/Sydney",
  "America/Los_Angeles",
  "Asia/Kolkata",
  "Europe/London",
  "America/Sao_Paulo",
  "Pacific/Auckland",
  "Africa/Johannesburg",
  "Asia/Kathmandu",
  "America/St_Johns",
] as const;

/** The person behind a connection: stays the same across `user_reauth` (new user id, same data). */
export interface Person {
  /** Stable across reauth; drives every generated document. */
  key: string;
  index: number;
  timeZone: string;
  sex: "male" | "female";
  ageYears: number;
  heightCm: number;
  baseWeightKg: number;
  bodyfatPct: number;
  restingHr: number;
  baseSystolic: number;
  baseDiastolic: number;
  /** Steps on an average day. */
  stepsPerDay: number;
  /** Devices owned, as Withings sells them. */
  scale: "Body Scan" | "Body Cardio" | "Body+";
  hasBpm: boolean;
  hasScanWatch: boolean;
  hasSleepAnalyzer: boolean;
  hasThermo: boolean;
  /** First day with any data. */
  historyStart: string;
  firstName: string;
  lastName: string;
  dateOfBirth: string;
  /** Workout ActivityType codes this person does (7 walking, 8 running, 1 biking, 82 swimming…). */
  sports: number[];
}

export interface SandboxUser {
  user_id: string;
  provider: "WITHINGS";
  reference_id: string | null;
  scopes: string;
  active: boolean;
  created_at: string;
  last_webhook_update: string | null;
  person: Person;
}

const FIRST = ["Alice", "Bruno", "Chloé", "Dev", "Emeka", "Fatima", "Goro", "Hana", "Ines", "Jonas"];
const LAST = ["Martin", "Okafor", "Sato", "Nguyen", "Silva", "Kowalski", "Haddad", "Moreau", "Patel", "Berg"];

/** The `index`-th synthetic person for `seed`; same inputs, same person, always. */
export function makePerson(seed: string | number, index: number): Person {
  const r = createRng(seed, "person", index);
  const sex = r.chance(0.5) ? "female" : "male";
  const heightCm = round(sex === "female" ? r.normal(164, 6) : r.normal(177, 7), 0);
  const bmi = r.float(20, 31);
  const ageYears = r.int(24, 78);
  const birthYear = 2026 - ageYears;
  return {
    key: `${seed}:${index}`,
    index,
    timeZone: TIME_ZONES[index % TIME_ZONES.length] as string,
    sex,
    ageYears,
    heightCm,
    baseWeightKg: round((bmi * heightCm * heightCm) / 10_000, 1),
    bodyfatPct: round(sex === "female" ? r.float(22, 36) : r.float(12, 28), 1),
    restingHr: r.int(52, 74),
    baseSystolic: r.int(108, 142),
    baseDiastolic: r.int(66, 90),
    stepsPerDay: r.int(3500, 12500),
    scale: r.pick(["Body Scan", "Body Cardio", "Body+"] as const),
    hasBpm: r.chance(0.7),
    hasScanWatch: r.chance(0.6),
    hasSleepAnalyzer: r.chance(0.75),
    hasThermo: r.chance(0.3),
    historyStart: addDays("2024-01-01", r.int(0, 540)),
    firstName: r.pick(FIRST),
    lastName: r.pick(LAST),
    dateOfBirth: `${birthYear}-${String(r.int(1, 12)).padStart(2, "0")}-${String(r.int(1, 28)).padStart(2, "0")}`,
    sports: r.pick([[7, 8], [7, 1], [8, 82], [7], [1, 82, 7], [7, 8, 1]]),
  };
}

/** The connection of a seeded person: user ids are deterministic too (seed, index, generation). */
export function makeUser(
  seed: string | number,
  person: Person,
  generation = 0,
  createdAt?: string,
): SandboxUser {
  const r = createRng(seed, "user", person.index, generation);
  return {
    user_id: r.uuid(),
    provider: "WITHINGS",
    reference_id: `sandbox-user-${person.index}`,
    scopes: "user.info,user.metrics,user.activity",
    active: true,
    created_at: createdAt ?? `${person.historyStart}T08:00:00.000000+00:00`,
    last_webhook_update: null,
    person,
  };
}

/** The TerraUser object as it appears in events and responses (never the private person). */
export function terraUser(u: SandboxUser): {
  user_id: string;
  provider: string;
  reference_id: string | null;
  scopes: string;
  active: boolean;
  created_at: string;
  last_webhook_update: string | null;
} {
  return {
    user_id: u.user_id,
    provider: u.provider,
    reference_id: u.reference_id,
    scopes: u.scopes,
    active: u.active,
    created_at: u.created_at,
    last_webhook_update: u.last_webhook_update,
  };
}
