import { describe, expect, it } from "vitest";
import { Admission } from "./admission.ts";

describe("Admission", () => {
  it("refuses new deliveries once several in progress are older than the limit, and recovers", () => {
    let now = 0;
    const a = new Admission({ maxAgeMs: 3000, maxInFlight: 100, behindCount: 1, now: () => now });
    const first = a.admit();
    expect(first.ok).toBe(true);
    now = 500;
    expect(a.admit().ok).toBe(true);
    now = 3400; // the first has been in progress 3.4 s
    expect(a.admit()).toEqual({ ok: false, reason: "behind" });
    if (first.ok) first.release();
    expect(a.admit().ok).toBe(true);
  });

  it("does not let one slow delivery shut the door", () => {
    let now = 0;
    const a = new Admission({ maxAgeMs: 3000, maxInFlight: 100, behindCount: 2, now: () => now });
    a.admit(); // a slow upload
    now = 10_000;
    expect(a.admit().ok).toBe(true);
    expect(a.behind()).toBe(1);
  });

  it("bounds deliveries in progress by the measured completion rate (Little's law)", () => {
    let now = 0;
    const a = new Admission({ maxAgeMs: 2000, maxInFlight: 10_000, minInFlight: 4, now: () => now });
    // 10 deliveries complete within the first second: about 10/s.
    for (let i = 0; i < 10; i++) {
      const t = a.admit();
      if (t.ok) t.release();
    }
    now = 1000;
    a.admit(); // rolls the window
    expect(a.limit()).toBe(20); // 10/s × 2 s
    let admitted = 1;
    while (a.admit().ok) admitted++;
    expect(admitted).toBe(20);
    expect(a.admit()).toEqual({ ok: false, reason: "too_many" });
  });

  it("never refuses below the minimum or above the hard bound", () => {
    const a = new Admission({ maxAgeMs: 60_000, maxInFlight: 2, minInFlight: 1, now: () => 0 });
    expect(a.admit().ok).toBe(true);
    expect(a.admit().ok).toBe(true);
    expect(a.admit()).toEqual({ ok: false, reason: "too_many" });
  });
});
