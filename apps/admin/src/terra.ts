import { TerraError, TerraNotFoundError } from "@wearables/terra-client";
import { AppError } from "./errors.ts";

/** Terra's 404 on deauthentication means the connection is already gone, which is the goal. */
export async function deauthenticateAtTerra(
  deauth: (userId: string) => Promise<unknown>,
  userId: string,
): Promise<"deauthenticated" | "already_gone"> {
  try {
    await deauth(userId);
    return "deauthenticated";
  } catch (err) {
    if (err instanceof TerraNotFoundError) return "already_gone";
    throw terraFailure(err);
  }
}

/** A Terra failure is a 502 naming Terra; anything else stays an internal error. */
export function terraFailure(err: unknown): Error {
  if (err instanceof TerraError) {
    return new AppError("terra_error", `Terra refused or failed: ${err.message}`, { cause: err });
  }
  return err instanceof Error ? err : new Error(String(err));
}
