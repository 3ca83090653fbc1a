// Validation cost relative to JSON.parse of the same bytes, measured in the same run and interleaved
// round by round, because this machine is shared and noisy. Run: pnpm --filter @wearables/schemas bench
import { machineLine, writeBenchSection } from "@wearables/test-support/bench";
import { COMPILE_AFTER_USES } from "../src/common.ts";
import { BodyEventSchema, SleepEventSchema, WebhookEventSchema } from "../src/index.ts";
import { bodyEventJson, sleepEventJson } from "../test/fixtures.ts";

type Case = { name: string; json: string; iterations: number; runtime: { safeParse(v: unknown): unknown } };

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
  const check = WebhookEventSchema.safeParse(value);
  if (!check.success) throw new Error(`${c.name} fixture does not validate`);
  // Warm-up: V8's JIT, and zod's compilation of the per-type parser after COMPILE_AFTER_USES uses.
  for (let i = 0; i < COMPILE_AFTER_USES + 3; i++) {
    JSON.parse(c.json);
    WebhookEventSchema.safeParse(value);
    c.runtime.safeParse(value);
  }
  const parse: number[] = [];
  const validate: number[] = [];
  const runtime: number[] = [];
  const ratio: number[] = [];
  const runtimeRatio: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const p = timeMs(() => JSON.parse(c.json), c.iterations);
    const v = timeMs(() => WebhookEventSchema.safeParse(value), c.iterations);
    const z = timeMs(() => c.runtime.safeParse(value), c.iterations);
    parse.push(p);
    validate.push(v);
    runtime.push(z);
    ratio.push(v / p);
    runtimeRatio.push(z / p);
  }
  return {
    name: c.name,
    bytes: Buffer.byteLength(c.json),
    parseMs: median(parse),
    validateMs: median(validate),
    runtimeMs: median(runtime),
    ratio: median(ratio),
    runtimeRatio: median(runtimeRatio),
  };
}

const cases: Case[] = [
  {
    name: "Sleep event with samples",
    json: sleepEventJson(1_000_000),
    iterations: 5,
    runtime: SleepEventSchema,
  },
  { name: "Body event (Withings day)", json: bodyEventJson(), iterations: 200, runtime: BodyEventSchema },
];

const results = cases.map(run);
const kb = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
const rows = results.map(
  (r) =>
    `| ${r.name} | ${kb(r.bytes)} | ${r.parseMs.toFixed(3)} | ${r.validateMs.toFixed(3)} | **${r.ratio.toFixed(2)}** | ${r.runtimeMs.toFixed(3)} | ${r.runtimeRatio.toFixed(2)} |`,
);
const markdown = `## @wearables/schemas: validation vs JSON.parse

${machineLine()}

\`WebhookEventSchema.safeParse\` of an already parsed event against \`JSON.parse\` of the same bytes,
median of ${ROUNDS} interleaved rounds (ratio taken per round). "Runtime zod" is the same event schema
run by zod's interpreter, without the per-type \`z.compile\` parser that WebhookEventSchema uses.
Target: ratio ≤ 1.0 (validating costs no more than parsing).

| Payload | Size | JSON.parse ms | validate ms | ratio | runtime zod ms | runtime ratio |
|---|---|---|---|---|---|---|
${rows.join("\n")}
`;

console.log(markdown);
writeBenchSection("schemas", markdown);
