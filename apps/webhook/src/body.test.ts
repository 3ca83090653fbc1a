import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { ReadBudget, readIncomingBody } from "./body.ts";

describe("readIncomingBody", () => {
  it("returns the exact bytes received across chunks", async () => {
    const s = new PassThrough();
    const p = readIncomingBody(s, null, 100);
    s.write(Buffer.from([0xe2, 0x82]));
    s.end(Buffer.from([0xac, 0x41]));
    expect([...(await p)]).toEqual([0xe2, 0x82, 0xac, 0x41]);
  });

  it("refuses a declared length above the limit without reading", async () => {
    const s = new PassThrough();
    await expect(readIncomingBody(s, "101", 100)).rejects.toMatchObject({ code: "payload_too_large" });
    expect(s.destroyed).toBe(false);
  });

  it("stops at the limit for a streamed body and leaves the rest to be discarded, not a reset", async () => {
    const s = new PassThrough();
    const p = readIncomingBody(s, null, 10);
    s.write(Buffer.alloc(8));
    s.write(Buffer.alloc(8));
    await expect(p).rejects.toMatchObject({ code: "payload_too_large" });
    // Not destroyed: the 413 must reach a client that is still sending; Node drains the rest.
    expect(s.destroyed).toBe(false);
    expect(s.readableFlowing).toBe(true);
  });

  it("cuts off a body that stalls or trickles with 408", async () => {
    const stalled = new PassThrough();
    const p1 = readIncomingBody(stalled, "100", {
      limit: 1000,
      timeoutMs: 5000,
      idleMs: 30,
      minBytesPerSecond: 1e6,
    });
    stalled.write(Buffer.alloc(10));
    await expect(p1).rejects.toMatchObject({ code: "request_timeout", status: 408 });
    const trickle = new PassThrough();
    const p2 = readIncomingBody(trickle, "100", {
      limit: 1000,
      timeoutMs: 60,
      idleMs: 1000,
      minBytesPerSecond: 1e6,
    });
    const timer = setInterval(() => trickle.write(Buffer.alloc(1)), 10);
    await expect(p2).rejects.toMatchObject({ code: "request_timeout" });
    clearInterval(timer);
    // Nothing more is read from it (the route answers 408 and closes the connection).
    expect(trickle.isPaused()).toBe(true);
  });

  it("reserves a whole-body buffer only within the shared budget", async () => {
    const budget = new ReadBudget(3 * 2 ** 20);
    const limits = { limit: 8 * 2 ** 20, timeoutMs: 5000, idleMs: 5000, minBytesPerSecond: 1e6, budget };
    const a = new PassThrough();
    const b = new PassThrough();
    const pa = readIncomingBody(a, String(2 * 2 ** 20), limits);
    const pb = readIncomingBody(b, String(2 * 2 ** 20), limits);
    a.write(Buffer.alloc(2 ** 20 + 1, 1));
    b.write(Buffer.alloc(2 ** 20 + 1, 2));
    // The first got its 2 MiB buffer; the second keeps its chunks (what actually arrived).
    expect(budget.reserved).toBe(2 * 2 ** 20);
    a.end(Buffer.alloc(2 ** 20 - 1, 1));
    b.end(Buffer.alloc(2 ** 20 - 1, 2));
    expect((await pa).every((x) => x === 1)).toBe(true);
    expect((await pb).every((x) => x === 2)).toBe(true);
    expect(budget.reserved).toBe(0);
  });

  it("fails when the client goes away before the end", async () => {
    const s = new PassThrough();
    const p = readIncomingBody(s, null, 100);
    s.write(Buffer.alloc(4));
    s.destroy();
    await expect(p).rejects.toThrow();
  });
});

describe("readIncomingBody with a declared length", () => {
  it("returns the exact bytes copied into one buffer", async () => {
    const s = new PassThrough();
    const p = readIncomingBody(s, "5", 100);
    s.write(Buffer.from("ab"));
    s.end(Buffer.from("cde"));
    expect((await p).toString()).toBe("abcde");
  });

  it("fails when the body is longer or shorter than declared", async () => {
    const longer = new PassThrough();
    const p1 = readIncomingBody(longer, "2", 100);
    longer.end(Buffer.from("abc"));
    await expect(p1).rejects.toThrow(/Content-Length/);
    await expect(p1).rejects.toMatchObject({ code: "invalid_request", status: 400 });
    const shorter = new PassThrough();
    const p2 = readIncomingBody(shorter, "4", 100);
    shorter.end(Buffer.from("abc"));
    await expect(p2).rejects.toThrow(/Content-Length/);
  });
});
