import { AdminApiError, type AdminClient, createAdminClient, type Schemas } from "@wearables/admin-client";
import { createContext } from "preact";
import { useContext } from "preact/hooks";

export type Role = Schemas["TokenInfo"]["role"];

export interface Api {
  client: AdminClient;
  name: string;
  role: Role;
  /** Called when the API refuses the token mid-session (revoked, expired, server restarted with others). */
  onUnauthorized(): void;
}

export const ApiContext = createContext<Api | null>(null);

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error("useApi outside a logged-in session");
  return api;
}

export function clientFor(apiBase: string, token: string): AdminClient {
  return createAdminClient({ baseUrl: apiBase || location.origin, token });
}

/** What to tell a person about a failed call: the API's own message, with what to do for the usual ones. */
export function describeError(err: unknown): string {
  if (!(err instanceof AdminApiError)) return "Something went wrong in the page; reload it.";
  if (err.code === "network_error")
    return "The admin API could not be reached. Check the API URL and your network.";
  if (err.status === 401)
    return "This token is not accepted (wrong, expired or revoked). Log in again with a valid token.";
  if (err.status === 403) return "This token has the read role; that action needs an admin token.";
  return err.requestId ? `${err.message} (request ${err.requestId})` : err.message;
}

export { AdminApiError };
