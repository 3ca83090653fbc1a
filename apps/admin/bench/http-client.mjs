// Load generator for read.bench.ts, run as its own process so that the clients' work does not share
// the server's event loop. node:http with keep-alive, not fetch: on these two shared cores the client
// is part of the measurement, and fetch (undici) cost about 1.2 ms of CPU per request, as much as the
// database. Answers are read whole but not decompressed (`bytes` is what came over the wire).
// Input: one JSON argument; output: one JSON line of latencies.
import { Agent, request } from "node:http";

const { base, token, paths, clients, requests, warmup, headers: extra, etags } = JSON.parse(process.argv[2]);
const url = new URL(base);
const agent = new Agent({ keepAlive: true, maxSockets: clients });
const headers = { authorization: `Bearer ${token}`, ...extra };

/** `etags[i]`: sent as If-None-Match (revalidation), so 304 is the expected answer. */
function one(i) {
  const k = i % paths.length;
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: paths[k],
        headers: etags ? { ...headers, "if-none-match": etags[k] } : headers,
      },
      (res) => {
        let bytes = 0;
        const chunks = [];
        res.on("data", (c) => {
          bytes += c.length;
          if (res.statusCode >= 400) chunks.push(c);
        });
        res.on("end", () => {
          if (res.statusCode !== (etags ? 304 : 200)) {
            reject(new Error(`HTTP ${res.statusCode}: ${Buffer.concat(chunks).toString().slice(0, 200)}`));
          } else resolve(bytes);
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

for (let i = 0; i < warmup; i++) await one(paths.length - 1 - (i % paths.length));
const cpu0 = process.cpuUsage();
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
const cpu = process.cpuUsage(cpu0);
const clientCpuMs = (cpu.user + cpu.system) / 1000 / latencies.length;
agent.destroy();
process.stdout.write(`${JSON.stringify({ latencies, seconds, bytes, clientCpuMs })}\n`);
