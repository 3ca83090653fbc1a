import { describe, expect, it } from "vitest";
import { dbErrorText, isTransient } from "./errors.ts";

// As drizzle wraps a driver's error: the wrapper's message quotes the statement and its parameters.
const wrapped = (cause: unknown) =>
  Object.assign(new Error('Failed query: insert into body ...\nparams: {"weight_kg":72.4}'), { cause });

describe("database errors as a processor sees them", () => {
  it("retries a connection the server terminated, whether or not the driver gave a SQLSTATE", () => {
    expect(
      isTransient(
        wrapped(Object.assign(new Error("terminating connection"), { code: "57P01", severity: "FATAL" })),
      ),
    ).toBe(true);
    // Terminated between two statements of a transaction: node-postgres's own error, no code.
    expect(
      isTransient(wrapped(new Error("Client has encountered a connection error and is not queryable"))),
    ).toBe(true);
    expect(isTransient(wrapped(new Error("Connection terminated unexpectedly")))).toBe(true);
    expect(isTransient(new Error("timeout exceeded when trying to connect"))).toBe(true);
  });

  it("fails what the database refused for the content, and errors that are not the database's", () => {
    expect(
      isTransient(
        wrapped(Object.assign(new Error("unsupported Unicode escape"), { code: "22P05", severity: "ERROR" })),
      ),
    ).toBe(false);
    expect(isTransient(new TypeError("Cannot read properties of undefined"))).toBe(false);
    // A wrapper's message is never matched: it can quote anything a payload holds.
    expect(isTransient(new Error("Failed query: ...\nparams: Connection terminated"))).toBe(false);
    // Stored and logged reduced: never the wrapper's parameters.
    expect(dbErrorText(wrapped(new Error("Connection terminated unexpectedly")))).not.toMatch(
      /weight_kg|72\.4/,
    );
    expect(
      dbErrorText(wrapped(Object.assign(new Error("value too long"), { code: "22001", severity: "ERROR" }))),
    ).toMatch(/22001/);
  });
});
