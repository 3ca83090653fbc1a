// Runs parse-worker.ts from source in a worker thread: Node 20 does not carry the parent's
// TypeScript loader (tsx) into workers, so the thread registers it itself. Production runs the
// bundled parse-worker.js instead and never loads this file.
const { register } = await import("tsx/esm/api");
register();
await import(new URL("./parse-worker.ts", import.meta.url).href);
