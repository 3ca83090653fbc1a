import { defineConfig } from "vitest/config";

// Real Chromium against the admin app on a seeded database: one file, generous hook time for the seed.
export default defineConfig({
  test: {
    include: ["e2e/**/*.e2e.test.ts"],
    fileParallelism: false,
    hookTimeout: 180_000,
    testTimeout: 120_000,
  },
});
