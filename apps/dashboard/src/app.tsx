import { AdminApiError, unwrap } from "@wearables/admin-client";
import { useEffect, useMemo, useState } from "preact/hooks";
import { type Api, ApiContext, clientFor, type Role } from "./api.ts";
import { Backfills } from "./pages/backfills.tsx";
import { Inbox } from "./pages/inbox.tsx";
import { Login } from "./pages/login.tsx";
import { Overview } from "./pages/overview.tsx";
import { UserPage } from "./pages/user.tsx";
import { Users } from "./pages/users.tsx";
import { href, useRoute } from "./router.ts";
import { clearSession, loadSession, type Session, saveSession } from "./session.ts";

interface Signed {
  session: Session;
  name: string;
  role: Role;
}

const NAV = [
  { path: "", label: "Overview" },
  { path: "users", label: "Users" },
  { path: "inbox", label: "Inbox" },
  { path: "backfills", label: "Backfills" },
];

export function App() {
  const [signed, setSigned] = useState<Signed | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const stored = useMemo(() => loadSession(), []);
  const [resuming, setResuming] = useState(stored !== null);

  // A reload keeps the tab's session: the kept token is checked again before any page shows.
  useEffect(() => {
    if (!stored) return;
    unwrap(clientFor(stored.apiBase, stored.token).GET("/v1/token"))
      .then(
        (who) => setSigned({ session: stored, ...who }),
        (err: unknown) => {
          if (err instanceof AdminApiError && err.status === 401) {
            logout("The API no longer accepts the token of this tab (expired or revoked). Log in again.");
          }
        },
      )
      .finally(() => setResuming(false));
  }, [stored]);

  const logout = (message: string | null) => {
    clearSession();
    setSigned(null);
    setNotice(message);
  };
  const api = useMemo<Api | null>(
    () =>
      signed && {
        client: clientFor(signed.session.apiBase, signed.session.token),
        name: signed.name,
        role: signed.role,
        onUnauthorized: () =>
          logout(
            "The API stopped accepting this token (expired or revoked). Log in again with a valid token.",
          ),
      },
    [signed],
  );

  if (resuming) return <p class="muted">Checking the session…</p>;
  if (!api || !signed) {
    return (
      <Login
        initial={stored}
        notice={notice}
        onSignedIn={(session, who) => {
          saveSession(session);
          setNotice(null);
          setSigned({ session, ...who });
        }}
      />
    );
  }
  return (
    <ApiContext.Provider value={api}>
      <Shell signed={signed} onLogout={() => logout("Logged out.")} />
    </ApiContext.Provider>
  );
}

function Shell({ signed, onLogout }: { signed: Signed; onLogout(): void }) {
  const route = useRoute();
  const [section = "", id] = route.path;
  return (
    <>
      <button type="button" class="skip" onClick={() => document.getElementById("main")?.focus()}>
        Skip to content
      </button>
      <header class="top">
        <strong class="brand">Wearables</strong>
        <nav aria-label="Main">
          <ul>
            {NAV.map((n) => (
              <li key={n.path}>
                <a href={href(n.path ? [n.path] : [])} aria-current={section === n.path ? "page" : undefined}>
                  {n.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <span class="who">
          {signed.name} <span class={`badge role-${signed.role}`}>{signed.role}</span>
          <button type="button" onClick={onLogout}>
            Log out
          </button>
        </span>
      </header>
      <main id="main" tabIndex={-1}>
        {section === "" && <Overview />}
        {section === "users" && !id && <Users query={route.query} />}
        {section === "users" && id && <UserPage userId={id} query={route.query} />}
        {section === "inbox" && <Inbox query={route.query} />}
        {section === "backfills" && <Backfills query={route.query} />}
        {!["", "users", "inbox", "backfills"].includes(section) && <p>No such page.</p>}
      </main>
    </>
  );
}
