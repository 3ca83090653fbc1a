import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseCommand, UsageError } from "./cli.ts";
import { WORKER_NODE_FLAGS } from "./config.ts";
import { loadEnv } from "./env.ts";

describe("parseCommand", () => {
  it("parses run, run --every, status and the defaults of replay", () => {
    expect(parseCommand(["run"])).toEqual({ cmd: "run" });
    expect(parseCommand(["run", "--every", "*/15 * * * *"])).toEqual({ cmd: "run", every: "*/15 * * * *" });
    expect(parseCommand(["status"])).toEqual({ cmd: "status" });
    expect(parseCommand(["replay"])).toEqual({ cmd: "replay", status: "failed" });
    expect(parseCommand(["replay", "--status", "pending", "--type", "s3_payload"])).toEqual({
      cmd: "replay",
      status: "pending",
      type: "s3_payload",
    });
    expect(parseCommand([])).toEqual({ cmd: "help" });
  });

  it("parses user with types and a date range", () => {
    expect(
      parseCommand(["user", "abc", "--types", "Sleep, body", "--from", "2026-01-01", "--to", "2026-02-01"]),
    ).toEqual({
      cmd: "user",
      userId: "abc",
      types: ["sleep", "body"],
      from: "2026-01-01",
      to: "2026-02-01",
    });
  });

  it("rejects bad input with a usage error, never a crash", () => {
    for (const argv of [
      ["user"],
      ["user", "a", "--from", "2026-02-30"],
      ["user", "a", "--from", "2026-03-01", "--to", "2026-02-01"],
      ["run", "--types", "sleep"],
      ["replay", "--status", "done"],
      ["frobnicate"],
      ["run", "--nope"],
    ]) {
      expect(() => parseCommand(argv), argv.join(" ")).toThrow(UsageError);
    }
  });
});

describe("loadEnv", () => {
  it("applies the documented defaults", () => {
    const env = loadEnv({ TERRA_API_KEY: "k", TERRA_DEV_ID: "d" });
    expect(env).toMatchObject({
      HISTORY_DAYS: 365,
      REFETCH_DAYS: 2,
      WINDOW_DAYS: 28,
      DAYS_PER_HOUR_BUDGET: 6000,
      WITH_SAMPLES: false,
      USE_WEBHOOK_FOR_LONG_RANGES: false,
      TERRA_API_URL: "https://api.tryterra.co/v2",
    });
  });

  it("names every bad variable in one message and never echoes secret values", () => {
    let message = "";
    try {
      loadEnv({ TERRA_API_KEY: "", HISTORY_DAYS: "-3", TERRA_API_URL: "not a url" });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/TERRA_API_KEY/);
    expect(message).toMatch(/TERRA_DEV_ID/);
    expect(message).toMatch(/HISTORY_DAYS/);
    expect(message).toMatch(/TERRA_API_URL/);
  });
});

describe("how the worker process is started", () => {
  it("uses WORKER_NODE_FLAGS in every start command (scripts, root script, Dockerfile)", () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const app = JSON.parse(readFileSync(join(here, "../package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    const root = JSON.parse(readFileSync(join(here, "../../../package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    const docker = readFileSync(join(here, "../Dockerfile"), "utf8");
    const cmd = /^CMD (\[.*\])$/m.exec(docker)?.[1];
    const starts = [
      app.scripts.start,
      app.scripts.backfill,
      root.scripts.backfill,
      (JSON.parse(cmd ?? "[]") as string[]).join(" "),
    ];
    for (const s of starts) for (const flag of WORKER_NODE_FLAGS) expect(s, s).toContain(flag);
  });
});
