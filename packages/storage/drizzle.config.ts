import { defineConfig } from "drizzle-kit";

// `generate` only: migrations are committed and applied by migrate(db), never pushed.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/schema/index.ts",
  out: "./migrations",
});
