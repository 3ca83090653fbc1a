// `pnpm check:packages`: every publishable package packed as `pnpm publish` would (prepack builds
// it), then publint (strict) on the packed files and arethetypeswrong on the tarball.
// cjs-resolves-to-esm is ignored on purpose: the packages are ESM only and Node >= 20.19 (their
// engines) loads them with require(); src/publishable.test.ts proves it (docs/adr/0902).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pack, publishablePackages } from "../publishable.ts";

const root = join(import.meta.dirname, "..", "..", "..");
const bin = (name: string) => join(root, "tooling", "node_modules", ".bin", name);
const tmp = mkdtempSync(join(tmpdir(), "check-packages-"));
let passed = 0;
let failed = 0;
const run = (cmd: string, args: string[]) => spawnSync(cmd, args, { stdio: "inherit" }).status === 0;

try {
  for (const { name, dir } of publishablePackages(root)) {
    const tarball = pack(dir, tmp);
    const unpacked = join(tmp, name.replace("/", "__"));
    mkdirSync(unpacked, { recursive: true });
    spawnSync("tar", ["xzf", tarball, "-C", unpacked], { stdio: "inherit" });
    const ok =
      run(bin("publint"), ["run", join(unpacked, "package"), "--strict", "--pack", "false"]) &&
      run(bin("attw"), [tarball, "--ignore-rules", "cjs-resolves-to-esm", "--format", "table-flipped"]);
    if (ok) passed++;
    else failed++;
    console.log(`${ok ? "  ok  " : "  FAIL"}  ${name}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
