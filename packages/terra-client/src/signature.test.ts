import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhook } from "./signature.ts";

const SECRET = "whsec_test_primary";
const OTHER = "whsec_test_rotated";
const T = 1_723_808_700;
const nowAt = (seconds: number) => () => seconds * 1000;
// Non-ASCII on purpose: a wrong encoding (latin1, UTF-16) would change the hash.
const BODY = '{"type":"body","user":{"user_id":"u-1"},"data":[{"note":"Zoë – 体重 ✓"}]}';

/** Independent reference: node:crypto directly, not the code under test. */
function referenceHex(secret: string, t: number, body: string): string {
  return createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
}

describe("signWebhook", () => {
  it('produces t=<seconds>,v1=<lower-case hex HMAC-SHA256 over t + "." + body>', () => {
    expect(signWebhook(BODY, SECRET, T)).toBe(`t=${T},v1=${referenceHex(SECRET, T, BODY)}`);
  });

  it("matches a fixed known vector", () => {
    const hex = createHmac("sha256", "secret").update("1700000000.{}").digest("hex");
    const header = signWebhook("{}", "secret", 1_700_000_000);
    expect(header).toBe(`t=1700000000,v1=${hex}`);
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/);
  });

  it("signs bytes and the equivalent UTF-8 string identically", () => {
    const bytes = new TextEncoder().encode(BODY);
    expect(bytes.byteLength).toBeGreaterThan(BODY.length);
    expect(signWebhook(bytes, SECRET, T)).toBe(signWebhook(BODY, SECRET, T));
    expect(signWebhook(Buffer.from(BODY, "utf8"), SECRET, T)).toBe(signWebhook(BODY, SECRET, T));
  });

  it("rejects a non-integer time", () => {
    expect(() => signWebhook(BODY, SECRET, 1.5)).toThrow(RangeError);
  });
});

describe("verifyWebhook", () => {
  const header = `t=${T},v1=${referenceHex(SECRET, T, BODY)}`;

  it("accepts a header computed independently with node:crypto", () => {
    expect(verifyWebhook(BODY, header, SECRET, { now: nowAt(T) })).toEqual({
      ok: true,
      timestamp: T,
      secretIndex: 0,
    });
  });

  it("accepts the body as bytes with non-ASCII UTF-8 exactly as the string", () => {
    const bytes = Buffer.from(BODY, "utf8");
    expect(verifyWebhook(bytes, header, SECRET, { now: nowAt(T) }).ok).toBe(true);
    expect(verifyWebhook(new Uint8Array(bytes), header, SECRET, { now: nowAt(T) }).ok).toBe(true);
  });

  it("rejects a body re-serialised by JSON.stringify", () => {
    const pretty = JSON.stringify(JSON.parse(BODY), null, 2);
    expect(verifyWebhook(pretty, header, SECRET, { now: nowAt(T) })).toEqual({
      ok: false,
      reason: "no_matching_signature",
    });
  });

  it("rejects a tampered body, signature or timestamp", () => {
    const opts = { now: nowAt(T) };
    expect(verifyWebhook(BODY.replace("u-1", "u-2"), header, SECRET, opts).ok).toBe(false);
    const sig = referenceHex(SECRET, T, BODY);
    const flipped = (sig[0] === "a" ? "b" : "a") + sig.slice(1);
    expect(verifyWebhook(BODY, `t=${T},v1=${flipped}`, SECRET, opts)).toEqual({
      ok: false,
      reason: "no_matching_signature",
    });
    expect(verifyWebhook(BODY, `t=${T + 1},v1=${sig}`, SECRET, opts)).toEqual({
      ok: false,
      reason: "no_matching_signature",
    });
  });

  it("rejects a wrong secret", () => {
    expect(verifyWebhook(BODY, header, OTHER, { now: nowAt(T) }).ok).toBe(false);
  });

  it("rejects stale and future timestamps beyond the tolerance, accepts at the edge", () => {
    const tol = { toleranceSeconds: 300 };
    expect(verifyWebhook(BODY, header, SECRET, { ...tol, now: nowAt(T + 300) }).ok).toBe(true);
    expect(verifyWebhook(BODY, header, SECRET, { ...tol, now: nowAt(T + 301) })).toEqual({
      ok: false,
      reason: "timestamp_too_old",
    });
    expect(verifyWebhook(BODY, header, SECRET, { ...tol, now: nowAt(T - 300) }).ok).toBe(true);
    expect(verifyWebhook(BODY, header, SECRET, { ...tol, now: nowAt(T - 301) })).toEqual({
      ok: false,
      reason: "timestamp_in_future",
    });
  });

  it("rejects a stale delivery before hashing, whatever its signature", () => {
    const forged = `t=${T - 1000},v1=${"0".repeat(64)}`;
    expect(verifyWebhook(BODY, forged, SECRET, { now: nowAt(T) })).toEqual({
      ok: false,
      reason: "timestamp_too_old",
    });
  });

  it("honours a custom tolerance", () => {
    const r = verifyWebhook(BODY, header, SECRET, { toleranceSeconds: 10, now: nowAt(T + 11) });
    expect(r).toEqual({ ok: false, reason: "timestamp_too_old" });
  });

  it("uses the real clock by default (a fresh signature verifies)", () => {
    const t = Math.floor(Date.now() / 1000);
    expect(verifyWebhook(BODY, signWebhook(BODY, SECRET, t), SECRET).ok).toBe(true);
  });

  it("accepts when any of several v1 candidates matches", () => {
    const good = referenceHex(SECRET, T, BODY);
    const bad = "0".repeat(64);
    for (const h of [`t=${T},v1=${bad},v1=${good}`, `t=${T},v1=${good},v1=${bad}`]) {
      expect(verifyWebhook(BODY, h, SECRET, { now: nowAt(T) }).ok).toBe(true);
    }
  });

  it("ignores v0 and other schemes even when they carry the right digest", () => {
    const good = referenceHex(SECRET, T, BODY);
    expect(verifyWebhook(BODY, `t=${T},v0=${good}`, SECRET, { now: nowAt(T) })).toEqual({
      ok: false,
      reason: "no_v1_signature",
    });
    expect(verifyWebhook(BODY, `t=${T},v0=${good},v1=${"1".repeat(64)}`, SECRET, { now: nowAt(T) })).toEqual({
      ok: false,
      reason: "no_matching_signature",
    });
    expect(verifyWebhook(BODY, `v0=deadbeef,t=${T},v1=${good}`, SECRET, { now: nowAt(T) }).ok).toBe(true);
  });

  it("accepts either secret during a rotation and reports which one matched", () => {
    const signedWithNew = signWebhook(BODY, OTHER, T);
    const r = verifyWebhook(BODY, signedWithNew, [SECRET, OTHER], { now: nowAt(T) });
    expect(r).toEqual({ ok: true, timestamp: T, secretIndex: 1 });
    expect(verifyWebhook(BODY, header, [SECRET, OTHER], { now: nowAt(T) })).toEqual({
      ok: true,
      timestamp: T,
      secretIndex: 0,
    });
    expect(verifyWebhook(BODY, signedWithNew, [SECRET], { now: nowAt(T) }).ok).toBe(false);
  });

  it("tolerates whitespace around header parts", () => {
    const sig = referenceHex(SECRET, T, BODY);
    const h = `  t = ${T} ,  v1= ${sig}  `;
    expect(verifyWebhook(BODY, h, SECRET, { now: nowAt(T) }).ok).toBe(true);
  });

  it("accepts upper-case hex (same bytes once decoded)", () => {
    const sig = referenceHex(SECRET, T, BODY).toUpperCase();
    expect(verifyWebhook(BODY, `t=${T},v1=${sig}`, SECRET, { now: nowAt(T) }).ok).toBe(true);
  });

  it("returns a reason instead of throwing on missing or malformed input", () => {
    const opts = { now: nowAt(T) };
    const sig = referenceHex(SECRET, T, BODY);
    expect(verifyWebhook(BODY, undefined, SECRET, opts)).toEqual({ ok: false, reason: "missing_header" });
    expect(verifyWebhook(BODY, "", SECRET, opts)).toEqual({ ok: false, reason: "missing_header" });
    expect(verifyWebhook("", header, SECRET, opts)).toEqual({ ok: false, reason: "missing_body" });
    expect(verifyWebhook(BODY, header, [], opts)).toEqual({ ok: false, reason: "missing_secret" });
    expect(verifyWebhook(BODY, `v1=${sig}`, SECRET, opts)).toEqual({ ok: false, reason: "no_timestamp" });
    expect(verifyWebhook(BODY, `t=12ab,v1=${sig}`, SECRET, opts)).toEqual({
      ok: false,
      reason: "invalid_timestamp",
    });
    expect(verifyWebhook(BODY, `t=${T}`, SECRET, opts)).toEqual({ ok: false, reason: "no_v1_signature" });
    expect(verifyWebhook(BODY, `t=${T},v1=zz`, SECRET, opts)).toEqual({
      ok: false,
      reason: "no_matching_signature",
    });
    expect(verifyWebhook(BODY, "garbage", SECRET, opts)).toEqual({ ok: false, reason: "no_timestamp" });
  });
});
