import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { hasShared, terraExamples, terraJsonSchemas } from "@wearables/test-support";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import {
  activityRecord,
  bodyRecord,
  dailyRecord,
  type Mutable,
  sleepRecord,
  terraUser,
} from "../test/fixtures.ts";
import {
  JSON_SCHEMA_FILES,
  jsonSchemaId,
  renderJsonSchemaFile,
  renderJsonSchemaIndex,
} from "./json-schema.ts";
import { ActivitySchema } from "./models/activity.ts";
import { BodySchema } from "./models/body.ts";
import { DailySchema } from "./models/daily.ts";
import { SleepSchema } from "./models/sleep.ts";

// ajv compiles the whole event union into code; on a busy 2-core machine that takes seconds.
const AJV_TIMEOUT = 60_000;

const dir = join(dirname(fileURLToPath(import.meta.url)), "..", "json-schema");

function ajv() {
  const a = new Ajv2020({ strict: false, allErrors: true });
  (addFormats as unknown as (a: Ajv2020) => void)(a);
  return a;
}

describe("shipped JSON Schema files", () => {
  it.each(JSON_SCHEMA_FILES)("json-schema/%s.json is current (run `pnpm json-schema` if not)", (name) => {
    expect(readFileSync(join(dir, `${name}.json`), "utf8")).toBe(renderJsonSchemaFile(name));
  });

  it("has no file that the generator would not write", () => {
    const files = readdirSync(dir).filter((f) => f.endsWith(".json"));
    expect(files.sort()).toEqual([...JSON_SCHEMA_FILES.map((n) => `${n}.json`), "index.json"].sort());
  });

  it("json-schema/index.json is current and names each file by its $id", () => {
    const text = readFileSync(join(dir, "index.json"), "utf8");
    expect(text).toBe(renderJsonSchemaIndex());
    const index = JSON.parse(text) as {
      schemas: { name: string; $id: string; file: string; kind: string }[];
    };
    expect(index.schemas.map((s) => s.name)).toEqual([...JSON_SCHEMA_FILES].sort());
    const ids = new Set<string>();
    for (const entry of index.schemas) {
      const file = JSON.parse(readFileSync(join(dir, entry.file), "utf8")) as { $id: string; title: string };
      expect(file.$id, entry.file).toBe(entry.$id);
      expect(file.title).toBe(entry.name);
      ids.add(file.$id);
    }
    expect(ids.size).toBe(JSON_SCHEMA_FILES.length);
    expect(index.schemas.find((s) => s.name === "SleepEvent")?.kind).toBe("event");
    expect(index.schemas.find((s) => s.name === "Sleep")?.kind).toBe("model");
    expect(index.schemas.find((s) => s.name === "TerraErrorBody")?.kind).toBe("rest");
  });

  it(
    "loads every file into one validator by $id, as a consumer holding them all would",
    () => {
      const all = ajv();
      for (const name of JSON_SCHEMA_FILES) all.addSchema(load(name));
      const sleep = all.getSchema(jsonSchemaId("Sleep"));
      expect(sleep?.(sleepRecord(2))).toBe(true);
    },
    AJV_TIMEOUT,
  );

  const ours = ajv();
  const load = (name: string) => JSON.parse(readFileSync(join(dir, `${name}.json`), "utf8"));
  let eventValidator: ReturnType<typeof ours.compile> | undefined;
  const webhookEvent = () => {
    eventValidator ??= ours.compile(load("WebhookEvent"));
    return eventValidator;
  };

  it(
    "compiles and accepts our own fixtures, rejecting a malformed one",
    () => {
      const sleep = ours.compile(load("Sleep"));
      expect(sleep(sleepRecord(3)), JSON.stringify(sleep.errors)).toBe(true);
      const body = ours.compile(load("Body"));
      expect(body(bodyRecord())).toBe(true);
      const bad = bodyRecord() as Mutable;
      bad.metadata.start_time = "yesterday";
      expect(body(bad)).toBe(false);
      const event = webhookEvent();
      expect(event({ type: "sleep", user: terraUser(), data: {} })).toBe(false);
      expect(event({ type: "something_new" })).toBe(true);
      // The same tolerances as the zod schemas: a code Terra added passes, an impossible date does not.
      const activity = ours.compile(load("Activity"));
      const added = activityRecord() as Mutable;
      added.metadata.type = 155;
      added.position_data.position_samples[0].coords_lat_lng_deg = [48.85, 2.35, 35];
      expect(activity(added), JSON.stringify(activity.errors?.slice(0, 2))).toBe(true);
      added.metadata.start_time = "2024-02-30T10:00:00+00:00";
      expect(activity(added)).toBe(false);
    },
    AJV_TIMEOUT,
  );

  it.skipIf(!hasShared())(
    "accepts every Terra example through WebhookEvent.json",
    () => {
      const event = webhookEvent();
      for (const [file, body] of terraExamples()) expect(event(body), file).toBe(true);
    },
    AJV_TIMEOUT,
  );
});

describe.skipIf(!hasShared())("Terra's own JSON Schemas accept what our schemas produce", () => {
  const terra = ajv();
  if (hasShared()) {
    for (const [name, schema] of terraJsonSchemas()) {
      terra.addSchema({ ...schema, $id: `https://terra.example/schemas/${name}.yaml` });
    }
  }
  const terraValidator = (name: string) => {
    const v = terra.getSchema(`https://terra.example/schemas/${name}.yaml`);
    if (!v) throw new Error(`Terra schema ${name} missing`);
    return v;
  };

  it.each([
    ["Sleep", SleepSchema, () => sleepRecord(5)],
    ["Body", BodySchema, bodyRecord],
    ["Daily", DailySchema, dailyRecord],
    ["Activity", ActivitySchema, activityRecord],
  ] as const)(
    "%s: our parsed fixture validates against Terra's schema",
    (name, schema, make) => {
      const parsed = schema.parse(make());
      const validate = terraValidator(name);
      expect(validate(parsed), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    },
    AJV_TIMEOUT,
  );
});
