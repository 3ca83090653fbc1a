// Built by the shared configuration: tooling/src/tsdown.ts (docs/adr/0900).
import { defineApp } from "../../tooling/src/tsdown.ts";

export default defineApp({ entry: ["src/index.ts"] });
