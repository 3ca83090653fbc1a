// The rules our images keep, read from the Dockerfiles, the ignore file and compose.yaml, because
// no Docker engine runs on these machines or in CI (docs/adr/0901). Each rule returns findings;
// an empty list means the file passes.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import { parse } from "yaml";

/** The Node major of every image: the Active LTS on 2026-12-01 (docs/adr/0901). */
export const IMAGE_NODE_MAJOR = 26;

export interface Instruction {
  line: number;
  keyword: string;
  args: string;
}

export interface Stage {
  from: Instruction;
  name?: string;
  body: Instruction[];
}

/** Instructions of a Dockerfile, continuation lines joined, comments and directives dropped. */
export function parseDockerfile(text: string): Instruction[] {
  const out: Instruction[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const start = i;
    let line = lines[i]!;
    if (/^\s*(#|$)/.test(line)) continue;
    while (/\\\s*$/.test(line) && i + 1 < lines.length) {
      i++;
      const next = lines[i]!;
      line = `${line.replace(/\\\s*$/, "")} ${/^\s*#/.test(next) ? "" : next.trim()}`;
    }
    const m = /^\s*(\w+)\s*(.*)$/.exec(line);
    if (m) out.push({ line: start + 1, keyword: m[1]!.toUpperCase(), args: m[2]!.trim() });
  }
  return out;
}

export function stages(instructions: Instruction[]): Stage[] {
  const out: Stage[] = [];
  for (const ins of instructions) {
    if (ins.keyword === "FROM") {
      const name = /\sAS\s+(\S+)\s*$/i.exec(ins.args)?.[1];
      out.push({ from: ins, name, body: [] });
    } else out.at(-1)?.body.push(ins);
  }
  return out;
}

/** The words of a CMD/ENTRYPOINT/RUN, from its JSON (exec) form or its shell form. */
function words(args: string): string[] {
  if (args.startsWith("[")) {
    try {
      return (JSON.parse(args) as unknown[]).map(String);
    } catch {}
  }
  return args.split(/\s+/);
}

/** COPY/ADD arguments without their --flags: sources then destination. */
function copyPaths(args: string): { flags: string[]; paths: string[] } {
  const all = words(args);
  return { flags: all.filter((w) => w.startsWith("--")), paths: all.filter((w) => !w.startsWith("--")) };
}

const WHOLE_CONTEXT = new Set([".", "./", "*", "./*"]);
const SECRET_NAME = /(SECRET|TOKEN|PASSWORD|PASSWD|API_KEY|PRIVATE_KEY|CREDENTIAL)/i;

/** Findings for one Dockerfile; `file` names it in each message. */
export function checkDockerfile(file: string, text: string): string[] {
  const found: string[] = [];
  const at = (ins: Instruction, msg: string) => found.push(`${file}:${ins.line}: ${msg}`);
  const all = stages(parseDockerfile(text));
  const final = all.at(-1);
  if (!final) return [`${file}: no FROM instruction`];
  const names = new Set(all.map((s) => s.name).filter(Boolean));

  for (const stage of all) {
    const image = stage.from.args.split(/\s+/).find((w) => !w.startsWith("--"))!;
    if (names.has(image)) continue;
    const node = /^(?:docker\.io\/)?(?:library\/)?node:(\d+)[.-]?/.exec(image);
    if (!node || Number(node[1]) !== IMAGE_NODE_MAJOR) {
      at(stage.from, `base image ${image} is not node:${IMAGE_NODE_MAJOR}-… (the chosen LTS)`);
    }
    for (const ins of stage.body) {
      if ((ins.keyword === "ENV" || ins.keyword === "ARG") && SECRET_NAME.test(ins.args.split(/[=\s]/)[0]!)) {
        at(ins, `${ins.keyword} ${ins.args.split(/[=\s]/)[0]} would keep a secret in the image's metadata`);
      }
    }
  }

  // Where each build stage put the whole context: copying that folder into the final stage is
  // `COPY . .` by another name.
  const contextDirs = new Map<string, string[]>();
  for (const stage of all.slice(0, -1)) {
    let workdir = "/";
    for (const ins of stage.body) {
      if (ins.keyword === "WORKDIR") workdir = posix.resolve(workdir, ins.args);
      if (ins.keyword !== "COPY" && ins.keyword !== "ADD") continue;
      const { flags, paths } = copyPaths(ins.args);
      if (flags.some((f) => f.startsWith("--from=")) || !paths.slice(0, -1).some((p) => WHOLE_CONTEXT.has(p)))
        continue;
      const dirs = contextDirs.get(stage.name ?? "") ?? [];
      dirs.push(posix.resolve(workdir, paths.at(-1)!));
      contextDirs.set(stage.name ?? "", dirs);
    }
  }

  const body = final.body;
  for (const ins of body) {
    if (ins.keyword !== "COPY" && ins.keyword !== "ADD") continue;
    const { flags, paths } = copyPaths(ins.args);
    const from = flags.find((f) => f.startsWith("--from="))?.slice("--from=".length);
    const sources = paths.slice(0, -1);
    if (from === undefined && sources.some((p) => WHOLE_CONTEXT.has(p))) {
      at(ins, `${ins.keyword} of the whole build context into the final image (${ins.args})`);
    }
    const copied = from === undefined ? [] : (contextDirs.get(from) ?? []);
    for (const src of sources) {
      const abs = posix.resolve("/", src);
      if (copied.some((dir) => dir === abs || dir.startsWith(`${abs === "/" ? "" : abs}/`))) {
        at(ins, `${ins.keyword} --from=${from} ${src} brings the build stage's whole context (its COPY . .)`);
      }
    }
  }

  for (const ins of body.filter((i) => i.keyword === "CMD" || i.keyword === "ENTRYPOINT")) {
    if (words(ins.args).some((w) => /(^|\/)tsx$/.test(w))) {
      at(ins, `${ins.keyword} runs tsx: production runs node dist/…`);
    }
  }

  const user = body.filter((i) => i.keyword === "USER").at(-1);
  if (!user) found.push(`${file}: the final stage has no USER, so it runs as root`);
  else if (/^(root|0)(:|$)/.test(user.args)) at(user, `the final stage runs as ${user.args}`);

  const server = body.some((i) => i.keyword === "EXPOSE");
  const health = body.filter((i) => i.keyword === "HEALTHCHECK").at(-1);
  if (server) {
    if (!health || /^NONE$/i.test(health.args)) {
      found.push(`${file}: a server image (it EXPOSEs a port) needs a HEALTHCHECK on /readyz`);
    } else if (!health.args.includes("/readyz")) {
      at(health, "the HEALTHCHECK of a server probes /readyz");
    }
  } else if (!health) {
    found.push(`${file}: no HEALTHCHECK: a server needs one on /readyz, a job says HEALTHCHECK NONE`);
  }
  return found;
}

/** What .dockerignore must keep out of every build context. */
export const REQUIRED_IGNORES = [
  ".env",
  ".env.*",
  ".data",
  "node_modules",
  "dist",
  ".git",
  "coverage",
  ".turbo",
];

/** Findings for .dockerignore: each required entry listed (at the root or under every folder), none put back. */
export function checkDockerignore(text: string): string[] {
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const norm = (p: string) =>
    p
      .replace(/^\/+/, "")
      .replace(/^\*\*\//, "")
      .replace(/\/+$/, "");
  const listed = new Set(lines.filter((l) => !l.startsWith("!")).map(norm));
  const found = REQUIRED_IGNORES.filter((p) => !listed.has(p)).map(
    (p) => `.dockerignore: ${p} is not excluded`,
  );
  for (const l of lines.filter((x) => x.startsWith("!"))) {
    const p = norm(l.slice(1));
    if (
      REQUIRED_IGNORES.some(
        (r) => p === r || p.startsWith(`${r}/`) || (r === ".env.*" && p.startsWith(".env")),
      )
    ) {
      found.push(`.dockerignore: ${l} puts back what must stay out`);
    }
  }
  return found;
}

/** Findings for compose.yaml (already parsed): every service has a restart policy. */
export function checkCompose(doc: unknown): string[] {
  const services = (doc as { services?: Record<string, Record<string, unknown>> } | null)?.services ?? {};
  const found: string[] = [];
  if (Object.keys(services).length === 0) found.push("compose.yaml: no services");
  for (const [name, svc] of Object.entries(services)) {
    if (!svc || typeof svc.restart !== "string")
      found.push(`compose.yaml: service ${name} has no restart policy`);
  }
  return found;
}

/** Every Dockerfile of the repository (apps/*), relative to the root. */
export function dockerfiles(root: string): string[] {
  return readdirSync(join(root, "apps"))
    .map((app) => join("apps", app, "Dockerfile"))
    .filter((f) => existsSync(join(root, f)));
}

/** Every finding in the repository: its Dockerfiles, .dockerignore and compose.yaml. */
export function checkRepository(root: string): string[] {
  const read = (f: string) => (existsSync(join(root, f)) ? readFileSync(join(root, f), "utf8") : null);
  const files = dockerfiles(root);
  const found = files.length ? [] : ["no Dockerfile under apps/"];
  for (const f of files) found.push(...checkDockerfile(f, read(f)!));
  const ignore = read(".dockerignore");
  found.push(...(ignore === null ? [".dockerignore is missing"] : checkDockerignore(ignore)));
  const compose = read("compose.yaml");
  if (compose !== null) found.push(...checkCompose(parse(compose)));
  return found;
}
