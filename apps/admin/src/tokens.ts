import { z } from "zod";
import type { AdminToken } from "./deps.ts";

const TokenSchema = z.object({
  name: z.string().regex(/^[\w.@-]+$/, "a token name is letters, digits, _ . @ -"),
  role: z.enum(["read", "admin"]),
  token: z.string().min(16, "a token is at least 16 characters"),
});

/**
 * ADMIN_TOKENS in either form:
 * - `name:role:token,name:role:token` (a token may itself contain `:`; whitespace around entries is trimmed)
 * - JSON: `[{"name":"ops","role":"admin","token":"…"}]`
 * Names and tokens must be unique: the name is what the audit log records.
 */
export function parseAdminTokens(raw: string): AdminToken[] {
  const text = raw.trim();
  const entries: unknown = text.startsWith("[") ? JSON.parse(text) : text.split(",").map(splitEntry);
  const tokens = z.array(TokenSchema).min(1, "at least one token").parse(entries);
  const names = new Set(tokens.map((t) => t.name));
  const values = new Set(tokens.map((t) => t.token));
  if (names.size !== tokens.length) throw new Error("ADMIN_TOKENS: token names must be unique");
  if (values.size !== tokens.length) throw new Error("ADMIN_TOKENS: tokens must be unique");
  return tokens;
}

function splitEntry(entry: string): { name: string; role: string; token: string } {
  const [name = "", role = "", ...rest] = entry.trim().split(":");
  return { name, role, token: rest.join(":") };
}
