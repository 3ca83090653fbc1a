import { describe, expect, it } from "vitest";
import { jsonReporter, type PassSummary, renderBar, ttyReporter } from "./progress.ts";

const summary: PassSummary = {
  pass: "p1",
  startedAt: "2026-03-10T00:00:00.000Z",
  durationMs: 1500,
  planMs: 100,
  ok: false,
  users: { active: 2, added: 1, markedGone: 0, stopped: 1 },
  windows: { planned: 10, done: 9, failed: 1, skipped: 0, deferred: 0, waitingWebhook: 0 },
  documents: { inserted: 100, updated: 2, unchanged: 3 },
  invalidRecords: 2,
  warnings: 1,
  requests: 11,
  daysRequested: 120,
  errors: [{ userId: "u1", type: "sleep", code: "unknown_user", message: "404" }],
};

describe("progress", () => {
  it("the bar shows windows done of total, documents, rate and ETA", () => {
    const line = renderBar(
      { windowsDone: 5, windowsTotal: 10, documents: 200, startedAtMs: 0, nowMs: 2000 },
      10,
    );
    expect(line).toBe("[#####-----] 5/10 windows · 200 docs · 100 docs/s · ETA 0:02");
  });

  it("off a terminal a pass writes exactly one parseable JSON line", () => {
    const out: string[] = [];
    const rep = jsonReporter({ write: (s: string) => out.push(s) });
    rep.update({ windowsDone: 1, windowsTotal: 2, documents: 1, startedAtMs: 0, nowMs: 1 });
    rep.finish(summary);
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0]!)).toMatchObject({ msg: "backfill pass", ok: false, windows: { failed: 1 } });
  });

  it("on a terminal the summary names failures", () => {
    const out: string[] = [];
    ttyReporter({ write: (s: string) => out.push(s) }).finish(summary);
    expect(out.join("")).toMatch(/FAILED: 9\/10 windows, 105 documents/);
    expect(out.join("")).toMatch(/2 invalid records not stored, 1 warnings/);
    expect(out.join("")).toMatch(/u1 sleep: unknown_user/);
  });
});

describe("renderTable", () => {
  it("pads text left and numbers right under a rule", async () => {
    const { renderTable } = await import("./table.ts");
    expect(
      renderTable(
        ["user", "days"],
        [
          ["alice", 365],
          ["bob", 7],
        ],
      ),
    ).toBe(["user   days", "-----  ----", "alice   365", "bob       7"].join("\n"));
  });
});
