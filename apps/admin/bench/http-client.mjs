// Load generator for read.bench.ts, run as its own process so that the clients' parsing does not
// share the server's event loop. Input: one JSON argument; output: one JSON line of latencies.
const { base, token, paths, clients, requests, warmup, headers: extra, etags } = JSON.parse(process.argv[2]);
const headers = { authorization: `Bearer ${token}`, ...extra };

/** `etags[i]`: sent as If-None-Match (revalidation), so 304 is the expected answer. */
async function one(i) {
  const k = i % paths.length;
  const res = await fetch(`${base}${paths[k]}`, {
    headers: etags ? { ...headers, "if-none-match": etags[k] } : headers,
  });
  const body = await res.arrayBuffer();
  if (res.status !== (etags ? 304 : 200))
    throw new Error(`HTTP ${res.status}: ${new TextDecoder().decode(body).slice(0, 200)}`);
  return body.byteLength;
}

for (let i = 0; i < warmup; i++) await one(paths.length - 1 - (i % paths.length));
const latencies = [];
let next = 0;
let bytes = 0;
const start = performance.now();
await Promise.all(
  Array.from({ length: clients }, async () => {
    while (next < requests) {
      const i = next++;
      const t0 = performance.now();
      bytes = await one(i);
      latencies.push(performance.now() - t0);
    }
  }),
);
const seconds = (performance.now() - start) / 1000;
process.stdout.write(`${JSON.stringify({ latencies, seconds, bytes })}\n`);
