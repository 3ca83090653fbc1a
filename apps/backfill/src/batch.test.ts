import { describe, expect, it } from "vitest";
import { isTransientDbError, windowKey } from "./batch.ts";

describe("batch helpers", () => {
  it("retries a deadlock or serialization failure wrapped by the driver, nothing else", () => {
    expect(isTransientDbError({ message: "Failed query", cause: { code: "40P01" } })).toBe(true);
    expect(isTransientDbError({ code: "40001" })).toBe(true);
    expect(isTransientDbError({ cause: { code: "23505" } })).toBe(false);
    expect(isTransientDbError(new Error("connection refused"))).toBe(false);
  });

  it("window keys tell windows apart by user, type and both dates", () => {
    const w = { userId: "u", dataType: "body", startDate: "2026-01-01", endDate: "2026-01-28" };
    expect(windowKey(w)).not.toBe(windowKey({ ...w, endDate: "2026-01-27" }));
    expect(windowKey(w)).not.toBe(windowKey({ ...w, dataType: "daily" }));
  });
});
