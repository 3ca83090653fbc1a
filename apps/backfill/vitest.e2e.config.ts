import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.e2e.test.ts"],
    fileParallelism: false,
    hookTimeout: 60_000,
    testTimeout: 180_000,
  },
});
