import { machineLine, writeBenchSection } from "@wearables/test-support/bench";
import { createGenerator, createSandbox, createWebhookSender } from "../src/index.ts";

// What the sandbox costs the tests and load tests that run on it, each figure with a baseline
// measured in the same run: generating documents (vs. deep-copying the same documents), a REST
// data call (vs. /healthz through the same app), a signed delivery (vs. the bare fetch call).

const NOW = Date.parse("2026-11-25T07:00:00Z");
const ms = (t0: number) => performance.now() - t0;

function generation(): string {
  const gen = createGenerator({ seed: "bench", now: () => NOW });
  let docs: unknown[] = [];
  const t0 = performance.now();
  for (let i = 0; i < 12; i++) docs = docs.concat(gen.records(i, "daily", "2025-11-25", "2026-11-24"));
  for (let i = 0; i < 12; i++) docs = docs.concat(gen.records(i, "sleep", "2025-11-25", "2026-11-24"));
  const genMs = ms(t0);
  const t1 = performance.now();
  for (const d of docs) JSON.parse(JSON.stringify(d));
  const copyMs = ms(t1);
  return `| generate Daily + Sleep, 12 users × 365 days (no samples) | ${docs.length} docs | ${Math.round((docs.length / genMs) * 1000)} docs/s | deep copy of the same docs: ${Math.round((docs.length / copyMs) * 1000)} docs/s | ×${(genMs / copyMs).toFixed(1)} |`;
}

async function rest(): Promise<string> {
  const sb = createSandbox({ devId: "d", apiKey: "k", users: 4, seed: "bench", now: () => NOW });
  const headers = { "dev-id": "d", "x-api-key": "k" };
  const n = 200;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) await sb.app.request("/healthz");
  const baseMs = ms(t0);
  const t1 = performance.now();
  for (let i = 0; i < n; i++) {
    const u = sb.users[i % 4]!;
    const res = await sb.app.request(
      `/v2/daily?user_id=${u.user_id}&start_date=2026-10-01&end_date=2026-10-30&to_webhook=false`,
      { headers },
    );
    await res.arrayBuffer();
  }
  const dataMs = ms(t1);
  await sb.close();
  return `| GET /daily, 30-day window, to_webhook=false (in-process) | ${n} calls | ${(dataMs / n).toFixed(2)} ms/call | GET /healthz: ${(baseMs / n).toFixed(3)} ms/call | ×${(dataMs / baseMs).toFixed(0)} |`;
}

async function sender(): Promise<string> {
  const noop = (async () => new Response(null, { status: 200 })) as typeof fetch;
  const gen = createGenerator({ seed: "bench", now: () => NOW });
  const event = {
    type: "daily",
    user: { user_id: "u", provider: "WITHINGS" },
    data: gen.records(0, "daily", "2026-11-01", "2026-11-07"),
    version: "2022-03-16",
  };
  const n = 2000;
  const body = JSON.stringify(event);
  const t0 = performance.now();
  for (let i = 0; i < n; i++)
    await noop("http://x.test", { method: "POST", headers: { "content-type": "application/json" }, body });
  const baseMs = ms(t0);
  const s = createWebhookSender({ url: "http://x.test", secret: "s", fetch: noop, timeScale: 0 });
  const t1 = performance.now();
  for (let i = 0; i < n; i++) s.send(event);
  await s.flush();
  const sendMs = ms(t1);
  s.close();
  return `| signed deliveries (serialise, sign, headers, record), ${(body.length / 1024).toFixed(0)} KiB body | ${n} | ${Math.round((n / sendMs) * 1000)} deliveries/s | bare no-op fetch: ${Math.round((n / baseMs) * 1000)} calls/s | ×${(sendMs / baseMs).toFixed(1)} |`;
}

const rows = [generation(), await rest(), await sender()];
const md = [
  "## terra-sandbox: generator, REST and sender costs (`packages/terra-sandbox/bench/sandbox.bench.ts`)",
  "",
  machineLine(),
  "",
  "| what | n | rate | baseline (same run) | ratio |",
  "|---|---|---|---|---|",
  ...rows,
  "",
  "Ratios are time against the baseline. The REST figure is the cost of generating a month of a user's Dailies per call.",
].join("\n");
writeBenchSection("terra-sandbox", md);
console.log(md);
