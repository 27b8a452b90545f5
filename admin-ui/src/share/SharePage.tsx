import { type Component, Match, Show, Switch, createSignal, onMount } from "solid-js";
import { isApiStatus } from "../api/api-error";
import { formatDateTime } from "../lib/format";
import { ErrorState, Loading } from "../components/States";
import { type SharedSession, fetchSharedSession, tokenFromPath } from "./share-api";
import SharedReplay from "./SharedReplay";

/** Shown for an unknown, expired or revoked link: the server answers all three alike, and so does this page. */
const LinkGone: Component = () => (
  <div class="card share-gone" role="alert" data-testid="share-gone">
    <h1>This share link no longer works</h1>
    <p>It has expired or was revoked. Ask the person who sent it for a new link.</p>
  </div>
);

/** `/share/<token>`: one shared session's player, with no sign-in and no admin navigation. */
const SharePage: Component = () => {
  const token = tokenFromPath(location.pathname);
  const [shared, setShared] = createSignal<SharedSession>();
  const [error, setError] = createSignal<unknown>(null);
  const load = async () => {
    try {
      // After the first answer, a load refreshes chunk URLs within the same open (one view, one audit entry).
      setShared(await fetchSharedSession(token, shared()?.view));
      setError(null);
    } catch (err) {
      setError(err);
    }
  };
  onMount(() => void (token ? load() : setError(new Error("This address holds no share link."))));

  return (
    <main class="share-page">
      <Switch fallback={<Loading label="Opening the shared session…" />}>
        <Match when={isApiStatus(error(), 404) || (!token && error())}>
          <LinkGone />
        </Match>
        <Match when={shared()}>
          {(s) => (
            <>
              <header class="page-head">
                <div>
                  <h1>Shared session replay</h1>
                  <p class="muted small" data-testid="share-facts">
                    Recorded {formatDateTime(s().session.startedAt)} · this link works until {formatDateTime(s().expiresAt)}
                  </p>
                </div>
              </header>
              <Show when={error()}>{(err) => <ErrorState error={err()} onRetry={() => void load()} />}</Show>
              <SharedReplay shared={s()} refresh={() => void load()} />
            </>
          )}
        </Match>
        <Match when={error()}>{(err) => <ErrorState error={err()} onRetry={() => void load()} />}</Match>
      </Switch>
    </main>
  );
};

export default SharePage;
