import { defineConfig } from "vitest/config";

// PGlite boots and migrates in a few seconds on a busy 2-core machine: one database per file.
// End-to-end tests (child processes, *.e2e.test.ts) run apart with `test:e2e`.
export default defineConfig({
  test: {
    include: ["src/**/*.test.ts"],
    exclude: ["src/**/*.e2e.test.ts"],
    fileParallelism: false,
    hookTimeout: 60_000,
    testTimeout: 60_000,
  },
});
