// `pnpm check:images`: the image rules (src/images.ts) over the repository, then hadolint on every
// Dockerfile when it is installed (it is in neither Debian's archive nor the npm registry here).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { checkRepository, dockerfiles } from "../images.ts";

const root = join(import.meta.dirname, "..", "..", "..");
const found = checkRepository(root);
for (const f of found) console.error(f);
let failed = found.length > 0;
console.log(
  `image rules: ${dockerfiles(root).join(", ")}, .dockerignore, compose.yaml: ${found.length} finding(s)`,
);

const hadolint = spawnSync("hadolint", ["--version"], { encoding: "utf8" });
if (hadolint.error) {
  console.log("hadolint is not installed: skipped (docs/adr/0901)");
} else {
  const r = spawnSync("hadolint", dockerfiles(root), { cwd: root, stdio: "inherit" });
  failed ||= r.status !== 0;
}
process.exit(failed ? 1 : 0);
