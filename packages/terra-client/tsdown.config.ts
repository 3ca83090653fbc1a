// Built by the shared configuration: tooling/src/tsdown.ts (docs/adr/0902). Signing uses node:crypto.
import { defineLibrary } from "../../tooling/src/tsdown.ts";

export default defineLibrary({ platform: "node" });
