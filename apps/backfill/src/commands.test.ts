import { loadIngestConfig } from "@wearables/ingest";
import { getEvent, insertEvent, setEventStatus } from "@wearables/storage";
import { dataEvent } from "@wearables/terra-sandbox";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CommandContext, runCommand } from "./commands.ts";
import { silentReporter } from "./progress.ts";
import { createHarness, type Harness, storedKeys } from "./test-harness.ts";

describe("commands", () => {
  let h: Harness;
  let out: string[];
  let ctx: CommandContext;

  beforeAll(async () => {
    h = await createHarness({ users: 1, seed: "commands", cfg: { dataTypes: ["body", "sleep"] } });
    out = [];
    ctx = {
      deps: h.deps,
      cfg: h.cfg,
      ingest: loadIngestConfig({ dataTypes: "body,sleep" }),
      reporter: silentReporter,
      signal: new AbortController().signal,
      out: { write: (s: string) => out.push(s) },
    };
  });
  afterAll(() => h.close());

  it("replay turns a failed event into a processed one after a fix, and leaves a bad one failed", async () => {
    const u = h.sandbox.users[0]!;
    const docs = h.sandbox.expectedRecords(u.user_id, "body", "2026-01-01", "2026-01-10");
    const body = new TextEncoder().encode(JSON.stringify(dataEvent("body", u, docs)));
    // Stored and failed by an older release (the bug since fixed).
    const good = await insertEvent(h.db, {
      rawBody: body,
      type: "body",
      userId: u.user_id,
      status: "received",
    });
    await setEventStatus(h.db, { id: good.id, status: "failed", error: "old bug" });
    const bad = await insertEvent(h.db, {
      rawBody: new TextEncoder().encode('{"type":"body","user":{"user_id":"x"},"data":[{"metadata":7}]}'),
      type: "body",
      status: "received",
    });
    await setEventStatus(h.db, { id: bad.id, status: "failed", error: "invalid" });

    const code = await runCommand({ cmd: "replay", status: "failed" }, ctx);
    expect((await getEvent(h.db, good.id))?.status).toBe("processed");
    expect((await getEvent(h.db, bad.id))?.status).toBe("failed");
    expect(code).toBe(1);
    const line = JSON.parse(out.at(-1)!);
    expect(line).toMatchObject({ msg: "replay", selected: 2, byStatus: { processed: 1, failed: 1 } });
    expect((await storedKeys(h.db, u.user_id, "body")).length).toBe(docs.length);
  });

  it("user backfills one connection on demand as a job, and status shows it", async () => {
    const u = h.sandbox.users[0]!;
    const code = await runCommand(
      { cmd: "user", userId: u.user_id, types: ["sleep"], from: "2026-02-01", to: "2026-02-20" },
      ctx,
    );
    expect(code).toBe(0);
    expect(
      h.sandbox.state.requests.filter((r) => r.status === 200).map((r) => `${r.type} ${r.start}..${r.end}`),
    ).toEqual(["sleep 2026-02-01..2026-02-20"]);
    out.length = 0;
    expect(await runCommand({ cmd: "status" }, ctx)).toBe(0);
    const text = out.join("");
    expect(text).toMatch(new RegExp(`${u.user_id}\\s+active\\s+sleep\\s+20\\s+2026-02-01\\s+2026-02-20`));
    expect(text).toMatch(/Jobs\n.*id\s+user\s+types/);
    expect(text).toMatch(new RegExp(`${u.user_id}\\s+sleep\\s+2026-02-01\\s+2026-02-20\\s+done\\s+1/1`));
  });

  it("user refuses a connection Terra does not know, without fetching", async () => {
    const before = h.sandbox.state.requests.length;
    out.length = 0;
    expect(await runCommand({ cmd: "user", userId: "nobody-here" }, ctx)).toBe(1);
    expect(out.join("")).toMatch(/does not know user nobody-here/);
    expect(h.sandbox.state.requests.length).toBe(before);
  });

  it("run --every schedules passes until stopped, and rejects a bad cron expression", async () => {
    const stop = new AbortController();
    const passes: boolean[] = [];
    const code = await runCommand(
      { cmd: "run", every: "* * * * * *" },
      {
        ...ctx,
        signal: stop.signal,
        reporter: {
          update() {},
          finish(summary) {
            passes.push(summary.ok);
            stop.abort();
          },
        },
      },
    );
    expect(code).toBe(0);
    expect(passes).toEqual([true]);
    out.length = 0;
    expect(await runCommand({ cmd: "run", every: "not a cron" }, ctx)).toBe(2);
    expect(out.join("")).toMatch(/invalid --every cron expression/);
  });
});
