// The bench's Terra: the sandbox behind a plain node:http server in its own process, so the worker's
// process measures the worker alone (RSS, CPU). Data requests of user i are answered with person
// (i % PERSONS)'s answer for the same window, generated once and cached, because generating a year
// of synthetic Withings data is Terra's work, not ours. Prints `port=<n>` on stdout when listening;
// GET /__bench/counter returns the data requests and days served since the last reset.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { createSandbox } from "@wearables/terra-sandbox";

const USERS = Number(process.env.BENCH_BACKFILL_USERS ?? 200);
const PERSONS = Math.min(USERS, Number(process.env.BENCH_BACKFILL_PERSONS ?? 10));

const sandbox = createSandbox({ devId: "dev-bench", apiKey: "key-bench", users: USERS, seed: "bench" });
const ids = sandbox.users.map((u) => u.user_id);
const index = new Map(ids.map((id, i) => [id, i]));
const cache = new Map<string, { status: number; headers: [string, string][]; text: string }>();
const counter = { requests: 0, days: 0 };

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  if (req.method === "GET" || req.method === "HEAD") return undefined;
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

async function answer(url: URL, req: IncomingMessage): Promise<Response> {
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  const userId = url.searchParams.get("user_id");
  if (!userId || !/\/(activity|body|daily|sleep)$/.test(url.pathname)) {
    const body = await readBody(req);
    return sandbox.app.fetch(new Request(url, { method: req.method, headers, body }));
  }
  const source = ids[(index.get(userId) ?? 0) % PERSONS]!;
  url.searchParams.set("user_id", source);
  const key = url.toString();
  let hit = cache.get(key);
  if (!hit) {
    const r = await sandbox.app.fetch(new Request(key, { method: "GET", headers }));
    hit = { status: r.status, headers: [...r.headers], text: await r.text() };
    if (r.status === 200) cache.set(key, hit);
  }
  counter.requests++;
  const start = url.searchParams.get("start_date");
  const end = url.searchParams.get("end_date");
  if (start && end) counter.days += Math.max(1, (Date.parse(end) - Date.parse(start)) / 86_400_000);
  return new Response(hit.text.replaceAll(source, userId), { status: hit.status, headers: hit.headers });
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://sandbox.bench");
  if (url.pathname === "/__bench/counter") {
    const body = JSON.stringify(counter);
    if (url.searchParams.has("reset")) {
      counter.requests = 0;
      counter.days = 0;
    }
    res.writeHead(200, { "content-type": "application/json" }).end(body);
    return;
  }
  const r = await answer(url, req);
  const out: Record<string, string> = {};
  r.headers.forEach((v, k) => {
    if (k !== "content-length" && k !== "transfer-encoding") out[k] = v;
  });
  const body = Buffer.from(await r.arrayBuffer());
  out["content-length"] = String(body.length);
  res.writeHead(r.status, out).end(body);
}

const server = createServer((req, res) => {
  handle(req, res).catch(() => {
    if (!res.headersSent) res.writeHead(500).end("bench server error");
    else res.destroy();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const addr = server.address();
  if (addr && typeof addr === "object") process.stdout.write(`port=${addr.port}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
