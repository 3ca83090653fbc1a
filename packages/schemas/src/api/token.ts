import { z } from "zod";

/** Who the presented bearer token is: what a client shows, and which actions it may offer. */
export const ApiTokenInfoSchema = z
  .object({
    name: z.string().describe("The token's name, as the audit log records it"),
    role: z.enum(["read", "admin"]).describe("`read`: every GET; `admin`: writes too"),
  })
  .meta({ id: "TokenInfo" });
export type ApiTokenInfo = z.infer<typeof ApiTokenInfoSchema>;
