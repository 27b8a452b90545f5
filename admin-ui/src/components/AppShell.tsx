import { For, type ParentComponent, Show, createEffect } from "solid-js";
import { A, Navigate, createAsync, useLocation, useNavigate } from "@solidjs/router";
import { getMe } from "../api/admin";
import { isApiStatus } from "../api/client";
import { authGeneration, signOutReason } from "../api/token";
import type { Me } from "../api/schemas";
import { useSignOut } from "../lib/sign-out";
import NotAllowedPage from "../pages/NotAllowedPage";
import { ErrorState } from "./States";
import { Loaded } from "./Loaded";

/** Path of the current page for `?next=` (without the /admin base). */
function currentPath(pathname: string, search: string) {
  return encodeURIComponent(pathname.replace(/^\/admin/, "") + search);
}

/** The main navigation's sections, in their order in the top bar. */
const SECTIONS = [
  { href: "/sessions", label: "Sessions" },
  { href: "/live", label: "Live" },
  { href: "/heatmaps", label: "Heatmaps" },
  { href: "/metrics", label: "Metrics" },
  { href: "/audit", label: "Audit" },
];

const TopBar: ParentComponent<{ me: Me }> = (props) => {
  const signOut = useSignOut();
  return (
    <header class="topbar">
      <A href="/sessions" class="brand">
        <span class="brand-dot" aria-hidden="true" />
        Session replay
      </A>
      <nav aria-label="Main">
        <For each={SECTIONS}>
          {(s) => (
            <A href={s.href} activeClass="active">
              {s.label}
            </A>
          )}
        </For>
      </nav>
      <span class="who muted small" data-testid="signed-in-as">
        {props.me.userId} <span class="via">via {props.me.via}</span>
      </span>
      <Show
        when={props.me.via === "cf-access"}
        fallback={
          <button type="button" class="link" onClick={signOut}>
            Sign out
          </button>
        }
      >
        <a href="/cdn-cgi/access/logout" class="link">
          Sign out
        </a>
      </Show>
    </header>
  );
};

/**
 * Every page but sign-in renders inside this: it asks the server who is signed in first, so a
 * non-admin sees "not allowed" and no page ever requests data for them.
 */
const AppShell: ParentComponent = (props) => {
  const location = useLocation();
  const navigate = useNavigate();
  const me = createAsync(() => getMe(authGeneration()));
  // Any 401 later on (say the token expired mid-visit) drops the token: go back to sign-in.
  createEffect(() => {
    const reason = signOutReason();
    if (reason === "expired" || reason === "invalid") navigate(`/sign-in?next=${currentPath(location.pathname, location.search)}`, { replace: true });
  });
  // A non-admin sees "not allowed", a signed-out visitor goes to sign-in, anything else can retry.
  const noAccess = (err: unknown, reset: () => void) => (
    <Show when={!isApiStatus(err, 403)} fallback={<NotAllowedPage />}>
      <Show when={!isApiStatus(err, 401)} fallback={<Navigate href={`/sign-in?next=${currentPath(location.pathname, location.search)}`} />}>
        <main class="center-page">
          <ErrorState error={err} onRetry={reset} />
        </main>
      </Show>
    </Show>
  );
  return (
    <Loaded value={me()} loading="Checking access…" fallback={noAccess}>
      {(m) => (
        <>
          <TopBar me={m()} />
          <main class="content">{props.children}</main>
        </>
      )}
    </Loaded>
  );
};

export default AppShell;
