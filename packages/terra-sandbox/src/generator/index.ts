import { eachDate } from "../time.ts";
import { makePerson, type Person } from "../users.ts";
import { generateActivities } from "./activity.ts";
import { generateBody } from "./body.ts";
import { dayContext, type GenOptions } from "./common.ts";
import { generateDaily } from "./daily.ts";
import { generateSleep } from "./sleep.ts";

export type { GenOptions } from "./common.ts";

export type SandboxDataType = "activity" | "body" | "daily" | "sleep" | "menstruation" | "nutrition";
export const RECORD_TYPES: readonly SandboxDataType[] = [
  "activity",
  "body",
  "daily",
  "sleep",
  "menstruation",
  "nutrition",
];
export type TerraDoc = Record<string, unknown>;

/**
 * Documents of `type` whose `metadata.start_time` has the local date `date`. Withings sends no
 * menstruation or nutrition data through Terra, so those are always empty.
 */
export function recordsForDay(
  person: Person,
  type: SandboxDataType,
  date: string,
  opts: GenOptions,
): TerraDoc[] {
  const ctx = dayContext(person, date);
  switch (type) {
    case "activity":
      return generateActivities(ctx, opts);
    case "body": {
      const d = generateBody(ctx, opts);
      return d ? [d] : [];
    }
    case "daily": {
      const d = generateDaily(ctx, opts);
      return d ? [d] : [];
    }
    case "sleep": {
      const d = generateSleep(ctx, opts);
      return d ? [d] : [];
    }
    default:
      return [];
  }
}

/** Every document for local dates `start`..`end` (both inclusive, `YYYY-MM-DD`), in date order. */
export function recordsForRange(
  person: Person,
  type: SandboxDataType,
  start: string,
  end: string,
  opts: GenOptions,
): TerraDoc[] {
  return eachDate(start, end).flatMap((d) => recordsForDay(person, type, d, opts));
}

/** The athlete profile Withings gives Terra. */
export function athleteFor(person: Person): TerraDoc {
  return {
    first_name: person.firstName,
    last_name: person.lastName,
    sex: person.sex,
    gender: person.sex,
    date_of_birth: person.dateOfBirth,
    age: person.ageYears,
    provider_user_id: String(10_000_000 + person.index),
    account_creation_date: `${person.historyStart}T00:00:00.000000+00:00`,
    bio: null,
    email: null,
    city: null,
    state: null,
    country: null,
  };
}

export interface Generator {
  person(index: number): Person;
  /** Documents of the `index`-th seeded person (or a given person) for local dates `start`..`end`. */
  records(
    who: number | Person,
    type: SandboxDataType,
    start: string,
    end: string,
    opts?: Partial<GenOptions>,
  ): TerraDoc[];
  athlete(who: number | Person): TerraDoc;
}

/** The generator alone, without a sandbox: same seed and index, same documents as the sandbox's users. */
export function createGenerator(options: { seed: string | number; now?: () => number }): Generator {
  const now = options.now ?? Date.now;
  const person = (who: number | Person) => (typeof who === "number" ? makePerson(options.seed, who) : who);
  return {
    person: (index) => makePerson(options.seed, index),
    records: (who, type, start, end, opts = {}) =>
      recordsForRange(person(who), type, start, end, {
        withSamples: opts.withSamples ?? false,
        asOfMs: opts.asOfMs ?? now(),
      }),
    athlete: (who) => athleteFor(person(who)),
  };
}
