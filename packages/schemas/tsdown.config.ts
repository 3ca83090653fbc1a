import { defineConfig } from "tsdown";

// JavaScript only: tsdown's declaration plugin needs TypeScript 5/6 and the workspace runs the
// TypeScript 7 native compiler, so declarations come from `tsc -p tsconfig.build.json`.
export default defineConfig({
  entry: ["src/index.ts"],
  format: "esm",
  platform: "neutral",
  target: "node20",
  outDir: "dist",
  dts: false,
  clean: true,
  sourcemap: true,
});
