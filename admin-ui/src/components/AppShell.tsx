import { type ParentComponent, ErrorBoundary, Show, Suspense, createEffect } from "solid-js";
import { A, Navigate, createAsync, useLocation, useNavigate } from "@solidjs/router";
import { getMe } from "../api/admin";
import { isApiStatus } from "../api/client";
import { authGeneration, dropToken, signOutReason } from "../api/token";
import type { Me } from "../api/schemas";
import NotAllowedPage from "../pages/NotAllowedPage";
import { ErrorState, Loading } from "./States";

/** Path of the current page for `?next=` (without the /admin base). */
function currentPath(pathname: string, search: string) {
  return encodeURIComponent(pathname.replace(/^\/admin/, "") + search);
}

const TopBar: ParentComponent<{ me: Me }> = (props) => {
  const navigate = useNavigate();
  return (
    <header class="topbar">
      <A href="/sessions" class="brand">
        <span class="brand-dot" aria-hidden="true" />
        Session replay
      </A>
      <nav aria-label="Main">
        <A href="/sessions" activeClass="active">
          Sessions
        </A>
        <A href="/metrics" activeClass="active">
          Metrics
        </A>
      </nav>
      <span class="who muted small" data-testid="signed-in-as">
        {props.me.userId} <span class="via">via {props.me.via}</span>
      </span>
      <Show
        when={props.me.via === "cf-access"}
        fallback={
          <button
            type="button"
            class="link"
            onClick={() => {
              dropToken("signed_out");
              navigate("/sign-in", { replace: true });
            }}
          >
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
  return (
    <ErrorBoundary
      fallback={(err, reset) => (
        <Show when={!isApiStatus(err, 403)} fallback={<NotAllowedPage />}>
          <Show when={!isApiStatus(err, 401)} fallback={<Navigate href={`/sign-in?next=${currentPath(location.pathname, location.search)}`} />}>
            <main class="center-page">
              <ErrorState error={err} onRetry={reset} />
            </main>
          </Show>
        </Show>
      )}
    >
      <Suspense fallback={<Loading label="Checking access…" />}>
        <Show when={me()}>
          {(m) => (
            <>
              <TopBar me={m()} />
              <main class="content">{props.children}</main>
            </>
          )}
        </Show>
      </Suspense>
    </ErrorBoundary>
  );
};

export default AppShell;
