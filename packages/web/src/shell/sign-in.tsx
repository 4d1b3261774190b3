// Sign-in: the local (demo) sign-in of the embedded default, clearly labelled, and OIDC
// (NHS CIS2 in production) when the server has it.
import type { Me } from "@bevan/client";
import { type FormEvent, useState } from "react";
import { api } from "../api.ts";
import { Async, errorMessage } from "../components/states.tsx";
import { useData } from "../use-data.ts";

export function SignInPage({ me, onSignedIn }: { me: Me | null; onSignedIn: (me: Me) => void }) {
  const options = useData(() => api.signInOptions(), []);
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api.signIn(username, password));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="nhsuk-width-container">
      <main className="nhsuk-main-wrapper" id="maincontent">
        <div className="nhsuk-grid-row">
          <div className="nhsuk-grid-column-two-thirds">
            <h1>Sign in to Bevan</h1>
            {me && <p>You are signed in as {me.displayName}.</p>}
            <Async data={options} what="sign-in options">
              {(o) => (
                <>
                  {o.oidc && (
                    <p>
                      <a className="nhsuk-button" href="/api/auth/oidc/start">
                        Sign in with your organisation's account
                      </a>
                    </p>
                  )}
                  {o.localSignIn && (
                    <>
                      <h2>Local demo sign-in</h2>
                      {o.demoUsers.length > 0 && (
                        <div className="nhsuk-inset-text">
                          <span className="nhsuk-u-visually-hidden">Information: </span>
                          <p>
                            <strong>Demo users, synthetic data only.</strong> Sign in as one of{" "}
                            {o.demoUsers.map((u, i) => (
                              <span key={u}>
                                {i > 0 && ", "}
                                <code>{u}</code>
                              </span>
                            ))}{" "}
                            with the password <code>demo</code>. Each has a different role and scope.
                          </p>
                        </div>
                      )}
                      {error && (
                        <div className="nhsuk-error-summary" role="alert">
                          <h2 className="nhsuk-error-summary__title">Could not sign in</h2>
                          <div className="nhsuk-error-summary__body">
                            <p>{error}</p>
                          </div>
                        </div>
                      )}
                      <form onSubmit={submit} noValidate>
                        <div className="nhsuk-form-group">
                          <label className="nhsuk-label" htmlFor="username">
                            Username
                          </label>
                          <input
                            className="nhsuk-input nhsuk-u-width-two-thirds"
                            id="username"
                            name="username"
                            autoComplete="username"
                            value={username}
                            onChange={(e) => setUsername(e.target.value)}
                          />
                        </div>
                        <div className="nhsuk-form-group">
                          <label className="nhsuk-label" htmlFor="password">
                            Password
                          </label>
                          <input
                            className="nhsuk-input nhsuk-u-width-two-thirds"
                            id="password"
                            name="password"
                            type="password"
                            autoComplete="current-password"
                            value={password}
                            onChange={(e) => setPassword(e.target.value)}
                          />
                        </div>
                        <button className="nhsuk-button" type="submit" disabled={busy}>
                          Sign in
                        </button>
                      </form>
                    </>
                  )}
                  {!o.oidc && !o.localSignIn && (
                    <p>
                      This server has no sign-in configured. Ask your administrator to set up OIDC sign-in.
                    </p>
                  )}
                </>
              )}
            </Async>
          </div>
        </div>
      </main>
    </div>
  );
}
