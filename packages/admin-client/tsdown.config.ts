import { defineConfig } from "tsdown";

// JavaScript only: declarations come from `tsc -p tsconfig.build.json` (tsdown's declaration
// plugin needs TypeScript 5/6; the workspace runs the TypeScript 7 native compiler).
export default defineConfig({
  entry: ["src/index.ts"],
  format: "esm",
  platform: "neutral",
  target: "es2022",
  outDir: "dist",
  dts: false,
  clean: true,
  sourcemap: true,
});
