import type { Component } from "solid-js";
import { useSignOut } from "../lib/sign-out";

/** Shown for a valid identity that is not an admin: no data, a way out. */
const NotAllowedPage: Component = () => {
  const signOut = useSignOut();
  return (
    <main class="center-page">
      <section class="card" data-testid="not-allowed">
        <h1>Not allowed</h1>
        <p>This account is signed in but is not an admin, so it cannot view sessions.</p>
        <p class="muted small">
          Admins are decided by the server: an admin token with the <code>admin</code> role, or a user id or Cloudflare Access e-mail listed in{" "}
          <code>REPLAY_ADMIN_USERS</code>.
        </p>
        <button type="button" class="primary" onClick={signOut}>
          Use another token
        </button>
      </section>
    </main>
  );
};

export default NotAllowedPage;
