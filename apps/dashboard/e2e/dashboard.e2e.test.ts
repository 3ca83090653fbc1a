// The dashboard in real headless Chromium against the admin app on a seeded database.
// Screenshots of every page: apps/dashboard/screenshots/ (gitignored).
import { createAdminClient, unwrap } from "@wearables/admin-client";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { daysOf } from "../src/range.ts";
import { type Browser, chromiumAvailable, launch, screenshot, seriousViolations } from "./browser.ts";
import { chart, expectedCharts, sorted } from "./charts.ts";
import {
  ADMIN_TOKEN,
  FULL_USER,
  GONE_USER,
  READ_TOKEN,
  type Seeded,
  SMALL_USER,
  startSeeded,
} from "./server.ts";

const missing = !chromiumAvailable();
if (missing && process.env.CI)
  throw new Error("Chromium is missing at /usr/bin/chromium: apt-get install -y chromium");
if (missing)
  console.warn(
    "dashboard browser tests skipped: no Chromium at /usr/bin/chromium (apt-get install -y chromium)",
  );

let seeded: Seeded;
let browser: Browser;
const cspViolations: string[] = [];

beforeAll(async () => {
  if (missing) return;
  seeded = await startSeeded();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await seeded?.close();
});

async function login(token: string, viewport?: { width: number; height: number }): Promise<Page> {
  const page = await browser.page(viewport);
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) cspViolations.push(m.text());
  });
  await page.goto(`${seeded.url}/dashboard/`);
  // Keyboard only: the token field has focus by tabbing, Enter submits.
  await page.keyboard.press("Tab");
  await page.locator("#token").focus();
  await page.keyboard.type(token);
  await page.keyboard.press("Enter");
  return page;
}

async function expectAccessible(page: Page): Promise<void> {
  const v = await seriousViolations(page);
  expect(v, JSON.stringify(v, null, 2)).toEqual([]);
}

describe.skipIf(missing)("the dashboard in Chromium", () => {
  it("tells a wrong token apart clearly and keeps nothing", async () => {
    const page = await login("not-a-token-this-server-knows");
    await expect
      .poll(() => page.locator("[role=alert]").textContent())
      .toContain("This token is not accepted");
    expect(await page.evaluate(() => sessionStorage.getItem("wearables.token"))).toBeNull();
    expect(page.url()).not.toContain("token");
    await screenshot(page, "login-wrong-token");
    await expectAccessible(page);
    await page.close();
  });

  it("logs in with an admin token and shows the overview from the API", async () => {
    const page = await login(ADMIN_TOKEN);
    await page.getByRole("heading", { name: "Overview" }).waitFor();
    await page.locator('[data-status-count="failed"]').waitFor();
    // The backlog and the failures as GET /v1/stats counts them.
    const api = createAdminClient({ baseUrl: seeded.url, token: READ_TOKEN });
    const stats = await unwrap(api.GET("/v1/stats"));
    expect(stats.backlog.waiting).toBe(2);
    expect(await page.locator('[data-backlog="waiting"]').textContent()).toBe(String(stats.backlog.waiting));
    expect(await page.locator('[data-backlog="retrying"]').textContent()).toBe(
      String(stats.backlog.retrying),
    );
    expect(await page.locator('[data-status-count="failed"]').textContent()).toBe(
      String(stats.failed_events),
    );
    expect(stats.failed_events).toBe(1);
    expect(await page.evaluate(() => sessionStorage.getItem("wearables.token"))).toBe(ADMIN_TOKEN);
    expect(page.url()).not.toContain(ADMIN_TOKEN);
    await page.getByRole("heading", { name: "Coverage at a glance" }).waitFor();
    await page.locator(`a[href="#/users/${FULL_USER}"]`).first().waitFor();
    // The backfill's recorded passes, latest first, and the failures since the last success.
    const passes = page.locator('[data-table="passes"] tbody tr');
    await expect.poll(() => passes.count()).toBe(2);
    expect(await passes.first().getAttribute("data-pass")).toBe("pass-failed");
    expect(await passes.first().textContent()).toContain("transient_exhausted ×2");
    expect(await page.locator("[data-passes-summary]").textContent()).toContain("1 failed since");
    await screenshot(page, "overview");
    // A reload keeps the tab's session (checked again against the API), with no second login.
    await page.reload();
    await page.getByRole("heading", { name: "Overview" }).waitFor();
    expect(await page.locator("#token").count()).toBe(0);
    await expectAccessible(page);
    await page.close();
  });

  it("lists the users and finds one by reference id", async () => {
    const page = await login(ADMIN_TOKEN);
    await page.getByRole("link", { name: "Users" }).click();
    const rows = page.locator('[data-table="users"] tbody tr');
    await expect.poll(() => rows.count()).toBe(3);
    // Last daily per user, as the API's coverage says.
    const api = createAdminClient({ baseUrl: seeded.url, token: READ_TOKEN });
    const full = await unwrap(api.GET("/v1/users/{id}", { params: { path: { id: FULL_USER } } }));
    const lastDaily = full.coverage.find((c) => c.type === "daily")?.last_date;
    expect(lastDaily).toMatch(/^\d{4}-/);
    const fullRow = page.locator('[data-table="users"] tbody tr', {
      has: page.locator(`a[href="#/users/${FULL_USER}"]`),
    });
    await expect.poll(() => fullRow.locator("td").nth(4).textContent()).toBe(lastDaily);
    await screenshot(page, "users");
    await expectAccessible(page);
    await page.getByLabel("Terra user id or reference id").fill("patient-small");
    await page.keyboard.press("Enter");
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().locator("th").textContent()).toBe(SMALL_USER);
    await page.getByLabel("Terra user id or reference id").fill(GONE_USER);
    await page.keyboard.press("Enter");
    await expect.poll(() => rows.first().locator("th").textContent()).toBe(GONE_USER);
    await page.close();
  });

  it("draws every chart of a year with the values the series API returns, and opens the document behind a point", async () => {
    const api = createAdminClient({ baseUrl: seeded.url, token: READ_TOKEN });
    const { expected, heartReadings } = await expectedCharts(api, FULL_USER, {
      start: seeded.yearStart,
      end: seeded.today,
    });
    for (const [id, e] of Object.entries(expected))
      for (const s of e.values) expect(s.length, `${id} has data to draw`).toBeGreaterThan(10);

    const page = await login(READ_TOKEN);
    await page.waitForSelector("nav");
    const reads: string[] = [];
    page.on("request", (r) => reads.push(new URL(r.url()).pathname));
    await page.goto(`${seeded.url}/dashboard/#/users/${FULL_USER}?range=year`);
    await page.locator(`[data-range="${seeded.yearStart}..${seeded.today}"]`).waitFor();
    for (const [id, e] of Object.entries(expected)) {
      const drawn = await chart(page, id);
      for (const [i, values] of e.values.entries()) {
        expect(sorted(drawn.series[i]!.values), `${id} ${drawn.series[i]!.label}`).toEqual(values);
      }
      expect(drawn.x, `${id} points`).toHaveLength(e.points);
      if (e.x) expect(drawn.x, `${id} days`).toEqual(e.x);
      expect(drawn.aligned[0], `${id} x`).toEqual(drawn.x);
      // A stacked chart draws running totals; the others draw the values as given.
      if (id !== "sleep") {
        for (const [i, s] of drawn.series.entries()) {
          expect(drawn.aligned[i + 1], `${id} ${s.label} drawn`).toEqual(s.values);
        }
      }
      expect(drawn.painted, `${id} painted`).toBeGreaterThan(500);
    }
    // The page read series, never documents: those are read when a point's is asked for.
    await page.locator('[data-table="coverage"]').waitFor();
    const documentRead = /^\/v1\/users\/[^/]+\/(body|daily|sleep|activity)$/;
    expect(reads.filter((r) => documentRead.test(r))).toEqual([]);
    expect(reads.filter((r) => r.endsWith("/series")).length).toBe(Object.keys(expected).length + 2);
    // A click on the first weigh-in's point opens the body document it came from.
    const at = await page.$eval('[data-chart="weight"]', (el) => {
      const u = (
        el as unknown as {
          uplot: { data: number[][]; valToPos(v: number, s: string): number; over: HTMLElement };
        }
      ).uplot;
      const r = u.over.getBoundingClientRect();
      return {
        x: r.left + u.valToPos(u.data[0]![0]!, "x"),
        y: r.top + u.valToPos(u.data[1]![0]!, "kg"),
        weight: u.data[1]![0],
      };
    });
    await page.mouse.move(at.x, at.y);
    await page.mouse.click(at.x, at.y);
    const dialog = page.getByRole("dialog");
    await dialog.locator("pre").first().waitFor();
    expect(await dialog.locator("pre").first().textContent()).toContain(`"weight_kg": ${at.weight}`);
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.count()).toBe(0);
    // By keyboard: End goes to the last weigh-in, Enter opens its document.
    await page.locator('[data-chart="weight"]').focus();
    await page.keyboard.press("End");
    const last = await page.$eval('[data-chart="weight"]', (el) => {
      const d = (el as unknown as { chartData: { series: { values: (number | null)[] }[] } }).chartData;
      return d.series[0]!.values.at(-1);
    });
    await expect.poll(() => page.locator("#weight-point").textContent()).toContain(`Weight ${last} kg`);
    await page.keyboard.press("Enter");
    await dialog.locator("pre").first().waitFor();
    expect(await dialog.locator("pre").first().textContent()).toContain(`"weight_kg": ${last}`);
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.count()).toBe(0);
    // A day of resting heart rate and HRV opens both records: the Daily and the night's Sleep.
    const both = await page.$eval('[data-chart="heart"]', (el) => {
      const d = (el as unknown as { chartData: { series: { values: (number | null)[] }[] } }).chartData;
      return d.series[0]!.values.findIndex((v, i) => v !== null && d.series[1]!.values[i] !== null);
    });
    expect(both).toBeGreaterThanOrEqual(0);
    const heart = page.locator('figure:has([data-chart="heart"])');
    await heart.getByText("Values and documents").click();
    // The values table's rows (uPlot's legend is a table too).
    await heart.locator("details tbody tr").nth(both).getByRole("button", { name: "document" }).click();
    await expect.poll(() => dialog.locator("pre").count()).toBeGreaterThanOrEqual(2);
    const shown = await dialog.locator("pre").allTextContents();
    expect(shown.some((d) => d.includes('"resting_hr_bpm"'))).toBe(true);
    expect(shown.some((d) => d.includes('"avg_hrv_rmssd"'))).toBe(true);
    await page.keyboard.press("Escape");
    await expect.poll(() => dialog.count()).toBe(0);
    // The AFib and ECG list: a row per reading of the series API.
    expect(await page.locator('[data-table="afib"] tbody tr').count()).toBe(heartReadings);
    // The coverage heatmap: a live backfill job's days wait.
    expect(await page.locator('[data-table="coverage"] [data-state="stored"]').count()).toBeGreaterThan(300);
    const states = (type: string) =>
      page.$$eval(`[data-table="coverage"] tr:has(th:text-is("${type}")) td`, (tds) =>
        tds.map((td) => td.getAttribute("data-state")),
      );
    const sleepCells = await states("sleep");
    expect(sleepCells).toHaveLength(365);
    // The seeded job asks for the last week of sleep: each of those days is stored or waiting.
    expect(sleepCells.slice(-7).every((c) => c === "stored" || c === "waiting")).toBe(true);
    // The ledger covers the year of body: a day is stored exactly when a body record is (as the
    // documents say), else missing, never unknown.
    const body = await unwrap(
      api.GET("/v1/users/{id}/{type}", {
        params: {
          path: { id: FULL_USER, type: "body" },
          query: { start_date: seeded.yearStart, end_date: seeded.today, limit: 500 },
        },
      }),
    );
    expect(body.next_cursor).toBeNull();
    const bodyCells = await states("body");
    expect(bodyCells.filter((c) => c === "unknown")).toEqual([]);
    const storedDays = daysOf({ start: seeded.yearStart, end: seeded.today }).filter(
      (_, i) => bodyCells[i] === "stored",
    );
    expect(storedDays).toEqual(body.data.map((r) => r.date).sort());
    await screenshot(page, "user-year");
    await expectAccessible(page);
    expect(cspViolations).toEqual([]);
    await page.close();
  });

  it("replays a failed event from the inbox page", async () => {
    const page = await login(ADMIN_TOKEN);
    await page.getByRole("link", { name: "Inbox" }).click();
    const row = page.locator(`[data-event="${seeded.failedEventId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain("expected int");
    await screenshot(page, "inbox-failed");
    await expectAccessible(page);
    await row.getByRole("button", { name: "Replay" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Replay" }).click();
    await expect
      .poll(() => page.locator("[role=status]").textContent())
      .toContain(`Event ${seeded.failedEventId} replayed: now processed`);
    await expect.poll(() => row.count()).toBe(0);
    const api = createAdminClient({ baseUrl: seeded.url, token: READ_TOKEN });
    const ev = await unwrap(
      api.GET("/v1/events/{eventId}", { params: { path: { eventId: seeded.failedEventId } } }),
    );
    expect([ev.status, ev.error]).toEqual(["processed", null]);
    await page.close();
  });

  it("shows a partial event with its error and warnings, and lists the events with warnings", async () => {
    const page = await login(ADMIN_TOKEN);
    await page.locator("nav").waitFor();
    await page.goto(`${seeded.url}/dashboard/#/inbox?status=partial`);
    const row = page.locator(`[data-event="${seeded.partialEventId}"]`);
    await row.waitFor();
    expect(await row.locator(".badge").textContent()).toBe("partial");
    expect(await row.textContent()).toContain("1 of 2 records failed validation");
    expect(await row.locator("[data-warnings]").textContent()).toContain(
      "DeviceDataType NEW_SENSOR (unknown_string_value at data.0.device_data.data_provided.0)",
    );
    await screenshot(page, "inbox-partial");
    await expectAccessible(page);
    // Every status, with warnings only: the partial event, not the failed one (which has none).
    await page.getByLabel("Status").selectOption("");
    await page.getByLabel("Warnings").selectOption("true");
    await expect.poll(() => page.url()).toContain("status=any");
    await expect.poll(() => page.url()).toContain("has_warnings=true");
    const rows = page.locator('[data-table="events"] tbody tr');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().getAttribute("data-event")).toBe(String(seeded.partialEventId));
    await page.close();
  });

  it("shows backfill jobs with their progress, and queues one from the user page after a confirmation", async () => {
    const page = await login(ADMIN_TOKEN);
    await page.getByRole("link", { name: "Backfills" }).click();
    await page.locator("progress").first().waitFor();
    await screenshot(page, "backfills");
    await expectAccessible(page);
    await page.goto(`${seeded.url}/dashboard/#/users/${SMALL_USER}?range=week`);
    await page.getByRole("heading", { name: "Actions" }).waitFor();
    await page.getByRole("button", { name: "Backfill…" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Queue backfill" }).click();
    await expect
      .poll(() => page.locator("[role=status]").first().textContent())
      .toMatch(/Backfill job \d+ queued/);
    await page.getByRole("button", { name: "Erase…" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
    const api = createAdminClient({ baseUrl: seeded.url, token: READ_TOKEN });
    const jobs = await unwrap(api.GET("/v1/backfills", { params: { query: { user_id: SMALL_USER } } }));
    expect(jobs.data.map((j) => j.types.length)).toEqual([4]);
    expect((await unwrap(api.GET("/v1/users/{id}", { params: { path: { id: SMALL_USER } } }))).status).toBe(
      "active",
    );
    await page.close();
  });

  it("shows a read token no write action, and follows a typed custom range", async () => {
    const page = await login(READ_TOKEN);
    await page.locator(".role-read").waitFor();
    await page.goto(`${seeded.url}/dashboard/#/inbox?status=`);
    await page.locator('[data-table="events"] tbody tr').first().waitFor();
    await page.goto(`${seeded.url}/dashboard/#/users/${SMALL_USER}?range=week`);
    await page.locator('[data-chart="steps"]').waitFor();
    const writes = page.getByRole("button", { name: /Replay|Backfill|Disconnect|Erase/ });
    expect(await writes.count()).toBe(0);
    // A custom range, typed: the charts follow it and the URL keeps it.
    const range = page.getByRole("group", { name: "Time range (local days)" });
    await range.getByLabel("From").fill("2026-01-05");
    await range.getByLabel("to").fill("2026-01-18");
    await range.getByRole("button", { name: "Show" }).press("Enter");
    await page.locator('[data-range="2026-01-05..2026-01-18"]').waitFor();
    expect(page.url()).toContain("range=custom&start=2026-01-05&end=2026-01-18");
    await page.locator('[data-chart="steps"]').waitFor();
    await page.close();
  });

  it("sends a session whose token stops being accepted back to the login with a clear message", async () => {
    const page = await login(ADMIN_TOKEN);
    // Every request of the overview answered before the token goes.
    await page.locator('[data-status-count="failed"]').waitFor();
    await page.locator(`section:has(#glance-h) a[href="#/users/${FULL_USER}"]`).waitFor();
    const i = seeded.tokens.findIndex((t) => t.token === ADMIN_TOKEN);
    const [revoked] = seeded.tokens.splice(i, 1);
    try {
      await page.getByRole("link", { name: "Users" }).click();
      await expect
        .poll(() => page.locator(".notice").textContent())
        .toContain("stopped accepting this token");
      expect(await page.evaluate(() => sessionStorage.getItem("wearables.token"))).toBeNull();
      await screenshot(page, "login-token-revoked");
    } finally {
      seeded.tokens.splice(i, 0, revoked!);
    }
    await page.close();
  });

  it("fits a phone screen: no sideways scrolling of the page, the charts drawn at its width", async () => {
    const page = await login(READ_TOKEN, { width: 390, height: 844 });
    await page.locator("nav").waitFor();
    await page.goto(`${seeded.url}/dashboard/#/users/${FULL_USER}?range=month`);
    const drawn = await chart(page, "weight");
    expect(drawn.painted).toBeGreaterThan(200);
    await page.locator('[data-table="coverage"]').waitFor();
    const widths = await page.evaluate(() => ({
      page: document.documentElement.scrollWidth,
      view: innerWidth,
      // What sticks out, outside any scrolling box: for the failure message.
      wide: [...document.querySelectorAll("body *")]
        .filter((e) => {
          if (e.getBoundingClientRect().right <= innerWidth + 1) return false;
          for (let p = e.parentElement; p; p = p.parentElement)
            if (getComputedStyle(p).overflowX !== "visible") return false;
          return true;
        })
        .map((e) => `${e.tagName.toLowerCase()}.${e.className}`)
        .slice(0, 5),
    }));
    expect(widths.page, widths.wide.join(", ")).toBeLessThanOrEqual(widths.view);
    await screenshot(page, "user-month-phone");
    await expectAccessible(page);
    await page.close();
  });
});
