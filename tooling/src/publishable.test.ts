import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pack, publishablePackages } from "./publishable.ts";

const REPO = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const tmp = mkdtempSync(join(tmpdir(), "publishable-"));
const consumer = join(tmp, "consumer");
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// The tarballs as they would be published, installed into a folder outside the workspace (from
// the local store: no registry needed), then loaded the two ways a consumer does.
beforeAll(() => {
  const tarballs = Object.fromEntries(
    publishablePackages(REPO).map((p) => [p.name, `file:${pack(p.dir, tmp)}`]),
  );
  mkdirSync(consumer, { recursive: true });
  writeFileSync(
    join(consumer, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "commonjs", dependencies: tarballs }),
  );
  // terra-client's dependency on @wearables/schemas resolves to the tarball too, not the registry.
  const overrides = Object.entries(tarballs).map(([n, t]) => `  "${n}": "${t}"`);
  writeFileSync(join(consumer, "pnpm-workspace.yaml"), `overrides:\n${overrides.join("\n")}\n`);
  execFileSync("pnpm", ["install", "--offline", "--no-frozen-lockfile"], { cwd: consumer, stdio: "ignore" });
}, 120_000);

const node = (args: string[]) =>
  execFileSync(process.execPath, args, { cwd: consumer, encoding: "utf8" }).trim();
const cjs = (code: string) => node(["-e", code]);
const esm = (code: string) => node(["--input-type=module", "-e", code]);

describe("the publishable packages", () => {
  it("are @wearables/schemas, @wearables/terra-client and @wearables/admin-client; storage and the rest are private", () => {
    expect(
      publishablePackages(REPO)
        .map((p) => p.name)
        .sort(),
    ).toEqual(["@wearables/admin-client", "@wearables/schemas", "@wearables/terra-client"]);
  });

  it("@wearables/schemas: require() and import both load the built package, one instance", () => {
    const probe = `s.parseWebhookEvent({ type: "healthcheck", status: "success" }).success`;
    expect(cjs(`const s = require("@wearables/schemas"); console.log(${probe})`)).toBe("true");
    expect(esm(`import * as s from "@wearables/schemas"; console.log(${probe})`)).toBe("true");
    expect(
      esm(`import * as s from "@wearables/schemas"; import { createRequire } from "node:module";
        console.log(createRequire(import.meta.url)("@wearables/schemas") === s)`),
    ).toBe("true");
    expect(cjs(`console.log(require.resolve("@wearables/schemas"))`)).toMatch(/dist[/\\]index\.js$/);
  });

  it("@wearables/schemas: ships the JSON Schemas and their index", () => {
    const out = cjs(`const i = require("@wearables/schemas/json-schema/index.json");
      const s = require("@wearables/schemas/json-schema/" + i.schemas[0].file);
      console.log(i.schemas.length > 40, s.$id === i.schemas[0].$id)`);
    expect(out).toBe("true true");
  });

  it("@wearables/terra-client: require() and import both load it, with schemas from its tarball", () => {
    const probe = `typeof t.createTerraClient + " " + typeof t.splitDateRange`;
    expect(cjs(`const t = require("@wearables/terra-client"); console.log(${probe})`)).toBe(
      "function function",
    );
    expect(esm(`import * as t from "@wearables/terra-client"; console.log(${probe})`)).toBe(
      "function function",
    );
  });

  it("@wearables/admin-client: require() and import both load it", () => {
    const probe = `typeof a.createAdminClient + " " + typeof a.unwrap`;
    expect(cjs(`const a = require("@wearables/admin-client"); console.log(${probe})`)).toBe(
      "function function",
    );
    expect(esm(`import * as a from "@wearables/admin-client"; console.log(${probe})`)).toBe(
      "function function",
    );
  });
});
