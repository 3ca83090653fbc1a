// Validation cost relative to JSON.parse of the same bytes, measured in the same run and interleaved
// round by round, because this machine is shared and noisy. Run: pnpm --filter @wearables/schemas bench
import { machineLine, writeBenchSection } from "@wearables/test-support/bench";
import { COMPILE_AFTER_USES } from "../src/common.ts";
import {
  BodyEventSchema,
  parseWebhookEventDetailed,
  SleepEventSchema,
  WebhookEventSchema,
} from "../src/index.ts";
import { bodyEventJson, bodyRecord, sleepEventJson, terraUser } from "../test/fixtures.ts";

type Case = {
  name: string;
  json: string;
  iterations: number;
  runtime: { safeParse(v: unknown): unknown };
  /** Warnings and failed records the detailed parse must report (checked once). */
  expect: { warnings: number; failed: number };
};

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);

function timeMs(fn: () => unknown, iterations: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i++) fn();
  return Number(process.hrtime.bigint() - start) / 1e6 / iterations;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function run(c: Case) {
  const value = JSON.parse(c.json);
  const detailed = parseWebhookEventDetailed(value);
  if (!detailed.success) throw new Error(`${c.name} fixture does not validate`);
  const found = { warnings: detailed.warnings.length, failed: detailed.failedRecords.length };
  if (JSON.stringify(found) !== JSON.stringify(c.expect))
    throw new Error(`${c.name}: ${JSON.stringify(found)}`);
  // Warm-up: V8's JIT, and zod's compilation of the per-type parsers after COMPILE_AFTER_USES uses.
  for (let i = 0; i < COMPILE_AFTER_USES + 3; i++) {
    JSON.parse(c.json);
    WebhookEventSchema.safeParse(value);
    parseWebhookEventDetailed(value);
    c.runtime.safeParse(value);
  }
  const runs = {
    validate: () => WebhookEventSchema.safeParse(value),
    detailed: () => parseWebhookEventDetailed(value),
    runtime: () => c.runtime.safeParse(value),
  };
  const ms: Record<keyof typeof runs | "parse", number[]> = {
    parse: [],
    validate: [],
    detailed: [],
    runtime: [],
  };
  const ratios: Record<keyof typeof runs, number[]> = { validate: [], detailed: [], runtime: [] };
  for (let r = 0; r < ROUNDS; r++) {
    const p = timeMs(() => JSON.parse(c.json), c.iterations);
    ms.parse.push(p);
    for (const [k, fn] of Object.entries(runs) as [keyof typeof runs, () => unknown][]) {
      const t = timeMs(fn, c.iterations);
      ms[k].push(t);
      ratios[k].push(t / p);
    }
  }
  const cell = (k: keyof typeof runs) => `${median(ms[k]).toFixed(3)} | **${median(ratios[k]).toFixed(2)}**`;
  return { name: c.name, bytes: Buffer.byteLength(c.json), parseMs: median(ms.parse), cell };
}

/** Ten Withings days, one with a timestamp_localization code this version does not know. */
function bodyEventWithOddRecordJson(): string {
  const data = Array.from({ length: 10 }, (_, i) => bodyRecord(i + 1)) as {
    metadata: Record<string, unknown>;
  }[];
  (data[4] as { metadata: Record<string, unknown> }).metadata.timestamp_localization = 7;
  return JSON.stringify({ type: "body", version: "2022-03-16", user: terraUser(), data });
}

const none = { warnings: 0, failed: 0 };
const sleepJson = sleepEventJson(1_000_000);
const cases: Case[] = [
  {
    name: "Sleep event with samples",
    json: sleepJson,
    iterations: 5,
    runtime: SleepEventSchema,
    expect: none,
  },
  {
    name: "Body event (Withings day)",
    json: bodyEventJson(),
    iterations: 200,
    runtime: BodyEventSchema,
    expect: none,
  },
  {
    name: "Body event, 10 days, one unknown enum code",
    json: bodyEventWithOddRecordJson(),
    iterations: 40,
    runtime: BodyEventSchema,
    expect: { warnings: 1, failed: 0 },
  },
  {
    name: "Sleep event, every timestamp with Z",
    json: sleepJson.replaceAll("+09:00", "Z"),
    iterations: 3,
    runtime: SleepEventSchema,
    expect: { warnings: 7, failed: 0 },
  },
];

const results = cases.map(run);
const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
const rows = results.map(
  (r) =>
    `| ${r.name} | ${kb(r.bytes)} | ${r.parseMs.toFixed(3)} | ${r.cell("validate")} | ${r.cell("detailed")} | ${r.cell("runtime")} |`,
);
const markdown = `## @wearables/schemas: validation vs JSON.parse

${machineLine()}

Validation of an already parsed event against \`JSON.parse\` of the same bytes, median of ${ROUNDS}
interleaved rounds (ratio taken per round). "validate" is \`WebhookEventSchema.safeParse\` (all or
nothing), "detailed" \`parseWebhookEventDetailed\` (record by record, with warnings; ADR 0203), both on
the per-type \`z.compile\` parsers; "runtime zod" is the same event schema run by zod's interpreter.
Target: ratio ≤ 1.0 (validating costs no more than parsing) for valid, standard events; the last two
rows are the detailed path, taken only when something is unusual.

| Payload | Size | JSON.parse ms | validate ms | ratio | detailed ms | ratio | runtime zod ms | ratio |
|---|---|---|---|---|---|---|---|---|
${rows.join("\n")}
`;

console.log(markdown);
writeBenchSection("schemas", markdown);
