import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.ts";
import { onShutdown } from "./shutdown.ts";

function harness(stop: () => Promise<unknown>, timeoutMs = 1000) {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    service: "test",
    destination: { write: (s: string) => void lines.push(JSON.parse(s)) },
  });
  const handlers = new Map<string, () => void>();
  const exits: number[] = [];
  const s = onShutdown({
    logger,
    timeoutMs,
    stop,
    what: "draining",
    exit: (code) => void exits.push(code),
    on: (sig, h) => void handlers.set(sig, h),
    off: (sig) => void handlers.delete(sig),
  });
  return { s, lines, handlers, exits };
}

describe("onShutdown", () => {
  it("logs shutting down with the signal, runs stop once, logs stopped and exits 0", async () => {
    let stops = 0;
    const h = harness(async () => {
      stops++;
    });
    expect([...h.handlers.keys()]).toEqual(["SIGTERM", "SIGINT"]);
    h.handlers.get("SIGTERM")!();
    h.handlers.get("SIGINT")!(); // a second signal changes nothing
    await h.s.shutdown("SIGTERM");
    expect(stops).toBe(1);
    expect(h.exits).toEqual([0]);
    expect(h.lines.map((l) => l.msg)).toEqual(["shutting down: draining", "stopped"]);
    expect(h.lines[0]).toMatchObject({ signal: "SIGTERM", service: "test", timeoutMs: 1000 });
  });

  it("exits with the code stop resolves with (a command's result)", async () => {
    const h = harness(async () => 3);
    await h.s.shutdown("SIGINT");
    expect(h.exits).toEqual([3]);
  });

  it("exits 1 with an error line past the time limit", async () => {
    const h = harness(() => new Promise(() => {}), 100);
    void h.s.shutdown("SIGTERM");
    await new Promise((r) => setTimeout(r, 400));
    expect(h.exits).toEqual([1]);
    const timedOut = h.lines.find((l) => l.msg === "shutdown timed out");
    expect(timedOut?.level).toBe(50);
    expect(h.lines.some((l) => l.msg === "stopped")).toBe(false);
  });

  it("exits 1 and logs the reduced error with its stack when stop fails", async () => {
    const h = harness(async () => {
      throw new Error("pool would not close");
    });
    await h.s.shutdown("SIGTERM");
    expect(h.exits).toEqual([1]);
    const failed = h.lines.find((l) => l.msg === "shutdown failed") as {
      err: { message: string; stack: string };
    };
    expect(failed.err.message).toBe("pool would not close");
    expect(failed.err.stack).toMatch(/\n\s+at /);
  });

  it("dispose removes the signal handlers", () => {
    const h = harness(async () => {});
    h.s.dispose();
    expect(h.handlers.size).toBe(0);
    expect(h.s.stopping).toBe(false);
  });
});
