import { TerraError, TerraNotFoundError } from "@wearables/terra-client";
import type { TerraPort } from "./deps.ts";
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

/** Without TERRA_DEV_ID and TERRA_API_KEY: reads work, connect, disconnect and erase answer 502. */
export function notConfiguredTerra(logger: { warn(msg: string): void }): TerraPort {
  logger.warn("TERRA_DEV_ID/TERRA_API_KEY unset: connect, disconnect and erase will answer 502");
  const fail = async (): Promise<never> => {
    throw new AppError("terra_error", "Terra credentials are not configured on this server");
  };
  return { generateWidgetSession: fail, authenticateUser: fail, deauthenticateUser: fail };
}
