import { describe, expect, it } from "vitest";
import { DayBudget } from "./budget.ts";

describe("DayBudget", () => {
  it("admits requests up to the hourly limit per user, then says how long to wait", () => {
    const b = new DayBudget({ limitDays: 100 });
    expect(b.reserve("u1", 60, 0)).toBe(0);
    expect(b.reserve("u1", 40, 1_000)).toBe(0);
    // Full: the first spend (60 days at t=0) leaves the rolling hour at t=3,600,000.
    expect(b.reserve("u1", 30, 2_000)).toBe(3_598_000);
    // Another user has a budget of its own.
    expect(b.reserve("u2", 100, 2_000)).toBe(0);
    // Once the first spend has rolled out, 30 more days fit.
    expect(b.reserve("u1", 30, 3_600_001)).toBe(0);
    expect(b.used("u1", 3_600_001)).toBe(70);
  });

  it("refund gives a reservation back", () => {
    const b = new DayBudget({ limitDays: 50 });
    expect(b.reserve("u", 50, 0)).toBe(0);
    b.refund("u", 50);
    expect(b.reserve("u", 50, 1)).toBe(0);
  });

  it("Terra's empty bucket blocks the user until its reset, whatever we counted", () => {
    const b = new DayBudget({ limitDays: 6000 });
    b.observe("u", { remaining: 0, resetAfterSeconds: 120 }, 1_000);
    expect(b.reserve("u", 1, 2_000)).toBe(119_000);
    expect(b.reserve("u", 1, 121_000)).toBe(0);
  });
});
