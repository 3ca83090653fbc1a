// Built by the shared configuration: tooling/src/tsdown.ts (docs/adr/0902). zod only, any runtime.
import { defineLibrary } from "../../tooling/src/tsdown.ts";

export default defineLibrary({ platform: "neutral" });
