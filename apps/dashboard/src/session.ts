// The token lives in sessionStorage only: it is gone when the tab closes, never in a URL (which
// ends up in history, logs and Referer headers) and never in localStorage (shared by every tab).

export interface Session {
  token: string;
  /** The admin API's base URL; "" is the page's own origin (served by the admin app). */
  apiBase: string;
}

const TOKEN = "wearables.token";
const API_BASE = "wearables.apiBase";

/** The API base a build defaults to: VITE_ADMIN_API_URL when hosted apart, else the page's origin. */
export const DEFAULT_API_BASE: string = import.meta.env.VITE_ADMIN_API_URL ?? "";

export function loadSession(storage: Storage = sessionStorage): Session | null {
  const token = storage.getItem(TOKEN);
  if (!token) return null;
  return { token, apiBase: storage.getItem(API_BASE) ?? DEFAULT_API_BASE };
}

export function saveSession(s: Session, storage: Storage = sessionStorage): void {
  storage.setItem(TOKEN, s.token);
  storage.setItem(API_BASE, s.apiBase);
}

export function clearSession(storage: Storage = sessionStorage): void {
  storage.removeItem(TOKEN);
}
