import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger.ts";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      raw.push(String(chunk));
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, raw, logger: createLogger({ service: "test", level: "info", destination }) };
}

const REF = "MARKER-1c0ffee";
const SECRET = "s3cr3t-value-42";

describe("createLogger", () => {
  it("writes service on every line, children included", () => {
    const { lines, logger } = capture();
    logger.info("a");
    logger.child({ module: "m" }).child({ requestId: "r1", apiToken: "t" }).info("b");
    expect(lines.map((l) => l.service)).toEqual(["test", "test"]);
    expect(lines[1]).toMatchObject({ module: "m", requestId: "r1", apiToken: "[redacted]" });
  });

  it("replaces secrets and payloads at any depth, in bindings too", () => {
    const { raw, lines, logger } = capture();
    logger.child({ webhookSecret: SECRET }).info(
      {
        req: {
          headers: {
            authorization: `Bearer ${SECRET}`,
            "terra-signature": SECRET,
            "x-api-key": SECRET,
            cookie: SECRET,
          },
        },
        config: { nested: { deeper: { password: SECRET, ADMIN_TOKENS: SECRET, apiKey: SECRET } } },
        event: { body: { weight_kg: 81.2345, reference_id: REF }, rawBody: new TextEncoder().encode(REF) },
        list: [{ document: { reference_id: REF } }, { payload: REF }],
        tokenName: "ops",
        window: { documents: 12, records: 3 },
      },
      "x",
    );
    const text = raw.join("");
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(REF);
    expect(text).not.toContain("81.2345");
    expect(lines[0]?.tokenName).toBe("ops");
    expect(lines[0]?.window).toEqual({ documents: 12, records: 3 });
    expect((lines[0]!.req as { headers: Record<string, string> }).headers.authorization).toBe("[redacted]");
  });

  it("reduces errors logged under any key and as the first argument, message included", () => {
    const { raw, lines, logger } = capture();
    const dbErr = Object.assign(
      new Error(`Failed query: insert into body\nparams: {"reference_id":"${REF}"}`),
      {
        query: "insert into body",
        params: [`{"reference_id":"${REF}"}`],
        cause: Object.assign(new Error("unsupported Unicode escape sequence"), {
          severity: "ERROR",
          code: "22P05",
          detail: REF,
          where: `JSON data, line 1: ${REF}`,
          table: "body",
        }),
      },
    );
    logger.error({ err: dbErr }, "store failed");
    logger.error(dbErr);
    logger.error({ err: dbErr });
    logger.warn({ failure: { error: dbErr } }, "nested");
    logger.info(`message quoting ${dbErr.message}`);
    const text = raw.join("");
    expect(text).not.toContain(REF);
    expect(text).not.toContain("Failed query");
    expect(lines[0]?.err).toMatchObject({ name: "DatabaseError", code: "22P05", table: "body" });
    expect(lines[1]?.msg).toBe("untranslatable_character (SQLSTATE 22P05)");
    expect(lines[2]?.msg).toBe("untranslatable_character (SQLSTATE 22P05)");
    expect(lines[4]?.msg).toBe("message quoting database query failed");
  });
});
