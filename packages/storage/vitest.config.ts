import { defineConfig } from "vitest/config";

// One database per test file; PGlite and a shared PostgreSQL are too heavy to run files in parallel
// on the small CI machines.
export default defineConfig({
  test: { include: ["src/**/*.test.ts"], fileParallelism: false, testTimeout: 30_000, hookTimeout: 60_000 },
});
