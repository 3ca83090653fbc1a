import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./index.ts";

/** One line naming the machine and the date, for every benchmark section. */
export function machineLine(): string {
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const mem = Math.round(totalmem() / 2 ** 30);
  return `Machine: ${cpus().length} × ${cpu}, ${mem} GiB, Node ${process.version}, ${process.platform}. Date: ${new Date().toISOString().slice(0, 10)}.`;
}

/**
 * Rewrites one named section of docs/benchmarks.md (between `<!-- bench:NAME:start -->` and
 * `<!-- bench:NAME:end -->`), leaving the other benchmarks' sections as they are.
 */
export function writeBenchSection(name: string, markdown: string): void {
  const file = join(repoRoot(), "docs", "benchmarks.md");
  const header =
    "# Benchmarks\n\nWritten by `pnpm bench` (each benchmark rewrites its own section). Ratios are against a baseline measured in the same run, because these machines are noisy.\n";
  const current = existsSync(file) ? readFileSync(file, "utf8") : header;
  const start = `<!-- bench:${name}:start -->`;
  const end = `<!-- bench:${name}:end -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const re = new RegExp(`${start}[\\s\\S]*?${end}`);
  const next = re.test(current) ? current.replace(re, block) : `${current.trimEnd()}\n\n${block}\n`;
  writeFileSync(file, next);
}
