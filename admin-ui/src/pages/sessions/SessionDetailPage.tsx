import { type Component, Show, createSignal } from "solid-js";
import { A, createAsync, revalidate, useNavigate, useParams, useSearchParams } from "@solidjs/router";
import { deleteSession, getSessionDetail, getSessions } from "../../api/admin";
import { isApiStatus } from "../../api/client";
import { formatDateTime } from "../../lib/format";
import { runAction } from "../../lib/run-action";
import { ErrorState } from "../../components/States";
import { Loaded } from "../../components/Loaded";
import Page from "../../components/Page";
import ConfirmDialog from "../../components/ConfirmDialog";
import SessionMeta from "./SessionMeta";
import SessionReplay from "./SessionReplay";
import SessionAudit from "./SessionAudit";
import ShareDialog from "./ShareDialog";
import ShareList from "./ShareList";
import { type LiveChunks, liveChunkOf, withLiveChunks } from "./session-facts";
import type { ReplayEvent } from "../../replay/events";

/** `/admin/sessions/:id`: metadata, replay, events, share links, delete; `?live` (links from /admin/live) follows the newest events. */
const SessionDetailPage: Component = () => {
  const params = useParams();
  const [search] = useSearchParams();
  const followLive = () => search.live !== undefined;
  // The route is /sessions/:id, so id is always there.
  const id = () => params.id ?? "";
  const navigate = useNavigate();
  // During a client-side navigation the params can be empty for a moment: wait, do not ask for "".
  const session = createAsync(async () => (id() ? getSessionDetail(id()) : undefined));
  const [confirming, setConfirming] = createSignal(false);
  const [sharing, setSharing] = createSignal(false);
  const [deleting, setDeleting] = createSignal(false);
  const [deleteError, setDeleteError] = createSignal<string | null>(null);
  // Erased while watched (the live socket said so): the replay is gone and cannot come back.
  const [erased, setErased] = createSignal(false);
  // Chunks the live socket pushed: the facts above the player follow them until the detail lists them.
  const [liveChunks, setLiveChunks] = createSignal<LiveChunks>(new Map());
  const onLiveChunk = (seq: number, events: ReplayEvent[]) => setLiveChunks((m) => new Map(m).set(seq, liveChunkOf(events)));

  const remove = () =>
    runAction({ busy: setDeleting, error: setDeleteError }, "Delete failed", async () => {
      await deleteSession(id());
      await revalidate(getSessions.key);
      navigate("/sessions", { replace: true });
    });

  // An erased session cannot come back: no Retry for a 404.
  const goneOrRetry = (err: unknown, reset: () => void) => (
    <Show when={!isApiStatus(err, 404)} fallback={<ErrorState error={new Error("This session does not exist or was erased.")} />}>
      <ErrorState
        error={err}
        onRetry={() => {
          void revalidate(getSessionDetail.keyFor(id()));
          reset();
        }}
      />
    </Show>
  );

  return (
    <Page name="detail">
      <nav class="crumbs" aria-label="Breadcrumb">
        <Show when={followLive()} fallback={<A href="/sessions">← Sessions</A>}>
          <A href="/live">← Live sessions</A>
        </Show>
      </nav>
      <Loaded value={session()} loading="Loading session…" fallback={goneOrRetry}>
        {(s) => (
          <>
            <header class="page-head">
              <div>
                <h1>
                  Session of <span class="mono">{s().userId}</span>
                </h1>
                <p class="muted small">{formatDateTime(s().startedAt)}</p>
              </div>
              <div class="head-actions">
                <button type="button" data-testid="share-session" onClick={() => setSharing(true)}>
                  Share…
                </button>
                <button type="button" class="danger" data-testid="delete-session" onClick={() => setConfirming(true)}>
                  Delete…
                </button>
              </div>
            </header>
            <SessionMeta {...withLiveChunks(s(), liveChunks())} />
            <Show
              when={!erased()}
              fallback={
                <p class="state state-error" role="alert" data-testid="session-erased">
                  This session was erased while you were watching it.
                </p>
              }
            >
              <SessionReplay session={s()} followLive={followLive()} onErased={() => setErased(true)} onLiveChunk={onLiveChunk} />
            </Show>
            <SessionAudit sessionId={s().id} />
            <ShareList sessionId={s().id} />
            <ShareDialog sessionId={s().id} open={sharing()} onClose={() => setSharing(false)} />
            <ConfirmDialog
              open={confirming()}
              title="Delete this session?"
              confirmLabel="Delete session"
              busy={deleting()}
              error={deleteError()}
              onConfirm={remove}
              onCancel={() => setConfirming(false)}
            >
              <p>
                The recording of <strong>{s().userId}</strong> from {formatDateTime(s().startedAt)} is erased everywhere. This cannot be undone.
              </p>
            </ConfirmDialog>
          </>
        )}
      </Loaded>
    </Page>
  );
};

export default SessionDetailPage;
