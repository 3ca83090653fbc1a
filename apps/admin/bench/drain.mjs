// Change-feed consumer for read.bench.ts, in its own process: polls GET /v1/changes from the
// beginning until it has `target` changes, as a downstream service would. One JSON line out.
const { base, token, target, limit } = JSON.parse(process.argv[2]);
const headers = { authorization: `Bearer ${token}` };
let after = null;
let seen = 0;
let pages = 0;
const pageMs = [];
const start = performance.now();
while (seen < target) {
  const t0 = performance.now();
  const res = await fetch(`${base}/v1/changes?limit=${limit}${after ? `&after=${after}` : ""}`, { headers });
  if (res.status !== 200) throw new Error(`HTTP ${res.status}`);
  const page = await res.json();
  pageMs.push(performance.now() - t0);
  seen += page.data.length;
  pages++;
  after = page.next_cursor;
  if (page.data.length === 0) throw new Error(`the feed ran dry at ${seen} changes`);
}
const seconds = (performance.now() - start) / 1000;
process.stdout.write(`${JSON.stringify({ seen, pages, seconds, pageMs })}\n`);
