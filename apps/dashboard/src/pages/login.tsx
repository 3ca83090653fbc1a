import { AdminApiError, unwrap } from "@wearables/admin-client";
import { useState } from "preact/hooks";
import { clientFor, describeError, type Role } from "../api.ts";
import { DEFAULT_API_BASE, type Session } from "../session.ts";

/**
 * The token is checked against GET /v1/token before anything is kept, so a typo is caught here with
 * a clear message rather than as a page of failed requests.
 */
export function Login(props: {
  initial: Session | null;
  notice: string | null;
  onSignedIn(s: Session, who: { name: string; role: Role }): void;
}) {
  const [token, setToken] = useState(props.initial?.token ?? "");
  const [apiBase, setApiBase] = useState(props.initial?.apiBase ?? DEFAULT_API_BASE);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const who = await unwrap(clientFor(apiBase.trim(), token.trim()).GET("/v1/token"));
      props.onSignedIn({ token: token.trim(), apiBase: apiBase.trim() }, who);
    } catch (err) {
      setError(
        err instanceof AdminApiError && err.status === 401
          ? "This token is not accepted: it is wrong, expired or revoked. Check it and try again."
          : describeError(err),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="login" id="main">
      <h1>Wearables dashboard</h1>
      {props.notice && (
        <p class="notice" role="status">
          {props.notice}
        </p>
      )}
      <form onSubmit={submit}>
        <label for="token">Admin API token</label>
        <input
          id="token"
          name="token"
          type="password"
          autoComplete="current-password"
          required
          value={token}
          onInput={(e) => setToken(e.currentTarget.value)}
          aria-describedby="token-help"
        />
        <p id="token-help" class="muted">
          A token from ADMIN_TOKENS (read or admin). It is kept in this tab only, until you log out or close
          it.
        </p>
        <details>
          <summary>API location</summary>
          <label for="api-base">Admin API URL (empty: this site)</label>
          <input
            id="api-base"
            name="api-base"
            type="url"
            placeholder="https://admin.example"
            value={apiBase}
            onInput={(e) => setApiBase(e.currentTarget.value)}
          />
        </details>
        {error && (
          <p class="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? "Checking…" : "Log in"}
        </button>
      </form>
    </main>
  );
}
