import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { readIncomingBody } from "./body.ts";

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

  it("stops at the limit for a streamed body and destroys the request", async () => {
    const s = new PassThrough();
    const p = readIncomingBody(s, null, 10);
    s.write(Buffer.alloc(8));
    s.write(Buffer.alloc(8));
    await expect(p).rejects.toMatchObject({ code: "payload_too_large" });
    expect(s.destroyed).toBe(true);
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
