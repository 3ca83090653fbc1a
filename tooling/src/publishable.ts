// The packages other teams install from the registry, and their tarballs as `pnpm publish` would
// upload them (publishConfig applied, `workspace:` ranges replaced, prepack's build run).
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface Publishable {
  name: string;
  dir: string;
}

/** Every package under packages/ that is not private. */
export function publishablePackages(root: string): Publishable[] {
  return readdirSync(join(root, "packages"))
    .map((d) => join(root, "packages", d))
    .flatMap((dir) => {
      try {
        const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
          name: string;
          private?: boolean;
        };
        return pkg.private ? [] : [{ name: pkg.name, dir }];
      } catch {
        return [];
      }
    });
}

/** `pnpm pack` of one package into `dest`; returns the tarball's path. */
export function pack(dir: string, dest: string): string {
  const out = execFileSync("pnpm", ["pack", "--pack-destination", dest], { cwd: dir, encoding: "utf8" });
  const tarball = out
    .split("\n")
    .map((l) => l.trim())
    .find((l) => l.startsWith(dest) && l.endsWith(".tgz"));
  if (!tarball) throw new Error(`pnpm pack printed no tarball:\n${out}`);
  return tarball;
}
