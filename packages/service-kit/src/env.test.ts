import { describe, expect, it } from "vitest";
import { z } from "zod";
import { appVersion, checkEnv, EnvError, logLevel, parseEnv, shutdownTimeoutMs } from "./env.ts";

const Schema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  SECRET: z.string().min(40, "must be 40 characters or more"),
  MODE: z.string().refine((v) => v === "a", { message: "not a mode" }),
  LOG_LEVEL: logLevel(),
  SHUTDOWN_TIMEOUT_MS: shutdownTimeoutMs(5000),
  APP_VERSION: appVersion(),
});

describe("checkEnv", () => {
  it("applies defaults: LOG_LEVEL info, the shutdown limit, no version for an empty APP_VERSION", () => {
    const env = checkEnv(Schema, { SECRET: "x".repeat(40), MODE: "a", APP_VERSION: " " }, "test");
    expect(env).toMatchObject({ PORT: 3000, LOG_LEVEL: "info", SHUTDOWN_TIMEOUT_MS: 5000 });
    expect(env.APP_VERSION).toBeUndefined();
  });

  it("names every bad variable in one message, and never a value", () => {
    const secret = "s3cr3t-value-in-the-env";
    let err: unknown;
    try {
      checkEnv(Schema, { PORT: "http", SECRET: secret, MODE: "b", LOG_LEVEL: "loud" }, "the test service");
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EnvError);
    const e = err as EnvError;
    expect(e.variables).toEqual(["PORT", "SECRET", "MODE", "LOG_LEVEL"]);
    expect(e.message).toMatch(/^invalid environment for the test service:\n {2}PORT: /);
    expect(e.message).toContain("SECRET: must be 40 characters or more");
    expect(e.message).toContain("LOG_LEVEL: one of fatal, error, warn, info, debug, trace, silent");
    expect(e.message).not.toContain(secret);
    expect(e.message).not.toContain("loud");
  });

  it("hides a value that a message quotes", () => {
    const S = z.object({ TOKEN: z.string().refine(() => false, { message: "bad token abc-123-xyz" }) });
    expect(() => checkEnv(S, { TOKEN: "abc-123-xyz" }, "t")).toThrow(/TOKEN: bad token \[value hidden\]/);
  });
});

describe("parseEnv", () => {
  it("writes the message to stderr and exits with code 2", () => {
    const written: string[] = [];
    const codes: number[] = [];
    expect(() =>
      parseEnv(Schema, { SECRET: "short" }, "svc", {
        stderr: { write: (s: string) => written.push(s) },
        exit: (c) => void codes.push(c),
      }),
    ).toThrow(EnvError);
    expect(codes).toEqual([2]);
    expect(written.join("")).toMatch(/invalid environment for svc:\n {2}SECRET: .*\n {2}MODE: /);
  });

  it("returns the parsed environment when it is good", () => {
    const codes: number[] = [];
    const env = parseEnv(Schema, { SECRET: "y".repeat(40), MODE: "a" }, "svc", {
      exit: (c) => void codes.push(c),
    });
    expect(env.SECRET).toHaveLength(40);
    expect(codes).toEqual([]);
  });
});
