// `pnpm --filter @wearables/dashboard bench`: what the dashboard ships (gzip) and how long a user
// page with a year of data takes to draw in headless Chromium, against the seeded admin app of the
// browser tests. Baseline, same run and same tab: the page's own API reads done with bare fetch,
// without Preact, uPlot or parsing into series.
import { readdirSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { machineLine, writeBenchSection } from "@wearables/test-support/bench";
import { chromiumAvailable, launch } from "../e2e/browser.ts";
import { DIST, FULL_USER, READ_TOKEN, startSeeded } from "../e2e/server.ts";
import { USER_CHARTS } from "../src/charts/registry.ts";

const RUNS = Number(process.env.BENCH_DASHBOARD_RUNS ?? 7);

function shipped(): { file: string; bytes: number; gzip: number }[] {
  const dir = join(DIST, "assets");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".js") || f.endsWith(".css"))
    .map((f) => {
      const buf = readFileSync(join(dir, f));
      return { file: f, bytes: buf.length, gzip: gzipSync(buf).length };
    });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

async function main(): Promise<void> {
  if (!chromiumAvailable()) {
    console.log("dashboard bench skipped: no Chromium at /usr/bin/chromium (apt-get install -y chromium)");
    return;
  }
  const files = shipped();
  const loadBefore = loadavg()[0]!;
  const seeded = await startSeeded();
  const browser = await launch();
  const page = await browser.page();
  await page.goto(`${seeded.url}/dashboard/`);
  await page.fill("#token", READ_TOKEN);
  await page.keyboard.press("Enter");
  await page.locator("nav").waitFor();
  const ids = USER_CHARTS.map((c) => c.id);
  const userUrl = `${seeded.url}/dashboard/#/users/${FULL_USER}?range=year`;
  const drawn: number[] = [];
  const fetched: number[] = [];
  let points = 0;
  // The page's API reads, as it makes them (path and query): the baseline does the same.
  const reads = new Set<string>();
  page.on("request", (r) => {
    const u = new URL(r.url());
    if (u.pathname.startsWith("/v1/")) reads.add(`${u.pathname}${u.search}`);
  });
  for (let run = 0; run < RUNS; run++) {
    // A fresh load of the page each run (the token stays in the tab's sessionStorage).
    await page.goto("about:blank");
    reads.clear();
    await page.goto(userUrl);
    const t = await page.waitForFunction(
      (charts) =>
        charts.every(
          (id) => (document.querySelector(`[data-chart="${id}"]`) as { uplot?: unknown } | null)?.uplot,
        )
          ? performance.now()
          : false,
      ids,
      { polling: "raf", timeout: 120_000 },
    );
    drawn.push((await t.jsonValue()) as number);
    points = await page.$$eval("[data-chart]", (els) =>
      els.reduce(
        (n, el) => n + ((el as unknown as { chartData: { x: number[] } }).chartData.x.length ?? 0),
        0,
      ),
    );
    // Baseline: the API reads this load of the page made (every chart's series request, the
    // catalog, coverage, backfills, the user and the token check), same origin and token, bare.
    fetched.push(
      await page.evaluate(
        // No named functions inside: tsx's name helper does not exist in the page.
        async (paths) => {
          const headers = { authorization: `Bearer ${sessionStorage.getItem("wearables.token")}` };
          const t0 = performance.now();
          await Promise.all(paths.map((p) => fetch(p, { headers }).then((r) => r.json())));
          return performance.now() - t0;
        },
        [...reads],
      ),
    );
  }
  await browser.close();
  await seeded.close();
  const loadAfter = loadavg()[0]!;

  const js = files.filter((f) => f.file.endsWith(".js"));
  const css = files.filter((f) => f.file.endsWith(".css"));
  const sum = (xs: { gzip: number }[]) => xs.reduce((n, f) => n + f.gzip, 0);
  const ratio = median(drawn) / median(fetched);
  const md = `## dashboard: JavaScript shipped and a year's user page in Chromium (\`apps/dashboard/bench/user-page.bench.ts\`)

${machineLine()}
Load average (1 min): ${loadBefore.toFixed(1)} when measuring began, ${loadAfter.toFixed(1)} when it ended, on ${cpus().length} cores shared with other jobs: absolute times move with it from run to run, the ratio to the same-tab baseline much less.

Shipped (\`vite build\`, gzip level 6 as a server would send it): JavaScript **${kb(sum(js))}** (${js.map((f) => `${f.file} ${kb(f.bytes)} raw`).join(", ")}; Preact, uPlot, openapi-fetch and the pages), CSS ${kb(sum(css))}.

User page, range = year (${seeded.yearStart} … ${seeded.today}), one person with every Withings device: ${USER_CHARTS.length} charts (${ids.join(", ")}) with ${points} points in all, plus the AFib/ECG list and the coverage heatmap. Headless Chromium (Debian), admin app on embedded PGlite in the same process as the benchmark. Time from navigation start until every chart has drawn, ${RUNS} fresh loads of the page:

| | median | min | max |
|---|---|---|---|
| page drawn (navigation → last chart) | ${median(drawn).toFixed(0)} ms | ${Math.min(...drawn).toFixed(0)} ms | ${Math.max(...drawn).toFixed(0)} ms |
| baseline: the page's API reads, bare \`fetch\` in the same tab | ${median(fetched).toFixed(0)} ms | ${Math.min(...fetched).toFixed(0)} ms | ${Math.max(...fetched).toFixed(0)} ms |
| ratio (drawn / baseline, medians) | ${ratio.toFixed(2)}× | | |

The page's time includes what the baseline leaves out: loading and starting the script, the token check before any read (one round trip more), joining the series into chart points, rendering the tables (the heatmap alone is ${4 * 365} cells) and drawing. It is not broken down further here. The page reads the series API, no documents: one request per chart (raw points, or day buckets for steps, sleep stages and resting heart rate with HRV), one of per-day counts for the heatmap, the measurement catalog, the coverage ledger, the user's backfill jobs, the user and the token, ${reads.size} reads in all; the baseline makes the same ones.`;
  writeBenchSection("dashboard", md);
  console.log(md);
}

await main();
