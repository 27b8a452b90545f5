import { type Component, For, Show, createSignal } from "solid-js";
import { revalidate } from "@solidjs/router";
import { createShare, getShares } from "../../api/shares";
import type { CreatedShare } from "../../api/schemas";
import { formatDateTime } from "../../lib/format";
import { syncModal } from "../../lib/modal";
import { runAction } from "../../lib/run-action";
import ErrorText from "../../components/ErrorText";

/** The lifetimes an admin picks from (contract §10 allows 60 s to 7 days). */
const LIFETIMES = [
  { seconds: 600, label: "10 minutes" },
  { seconds: 3600, label: "1 hour" },
  { seconds: 86_400, label: "24 hours" },
  { seconds: 604_800, label: "7 days" },
] as const;
const DEFAULT_LIFETIME_SECONDS = 86_400;

interface Props {
  sessionId: string;
  open: boolean;
  onClose(): void;
}

/** Copies `text`, with the old selection trick where the async clipboard is refused. */
async function copyText(text: string, input: HTMLInputElement): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    input.select();
    return document.execCommand("copy");
  }
}

/**
 * Makes a share link: pick a lifetime, then the link is shown once with a Copy button. Closing
 * forgets it (the server keeps only its hash, so it cannot be shown again).
 */
const ShareDialog: Component<Props> = (props) => {
  let dialog!: HTMLDialogElement;
  let urlInput!: HTMLInputElement;
  const [ttl, setTtl] = createSignal<number>(DEFAULT_LIFETIME_SECONDS);
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const [created, setCreated] = createSignal<CreatedShare | null>(null);
  const [copied, setCopied] = createSignal<boolean | null>(null);

  syncModal(
    () => dialog,
    () => props.open,
  );
  const close = () => {
    setCreated(null);
    setCopied(null);
    setError(null);
    props.onClose();
  };
  const create = () =>
    runAction({ busy: setBusy, error: setError }, "The link could not be made", async () => {
      setCreated(await createShare(props.sessionId, ttl()));
      void revalidate(getShares.keyFor(props.sessionId));
    });
  // Capped by the session's retention when it ends sooner than the chosen lifetime (a minute's leeway).
  const capped = (share: CreatedShare) => share.expiresAt < Date.now() + ttl() * 1000 - 60_000;

  return (
    <dialog
      ref={dialog}
      class="confirm share-dialog"
      aria-labelledby="share-title"
      data-testid="share-dialog"
      onCancel={(e) => {
        e.preventDefault();
        close();
      }}
    >
      <h2 id="share-title">Share this session</h2>
      <Show
        when={created()}
        fallback={
          <div class="confirm-body">
            <p>Anyone with the link can watch this replay, without signing in, until it expires or you revoke it.</p>
            <fieldset class="lifetimes">
              <legend>Link works for</legend>
              <For each={LIFETIMES}>
                {(l) => (
                  <label>
                    <input type="radio" name="share-ttl" value={l.seconds} checked={ttl() === l.seconds} onChange={() => setTtl(l.seconds)} /> {l.label}
                  </label>
                )}
              </For>
            </fieldset>
          </div>
        }
      >
        {(share) => (
          <div class="confirm-body">
            <label for="share-url">Share link</label>
            <div class="share-url-row">
              <input
                id="share-url"
                ref={urlInput}
                class="mono"
                readonly
                value={share().url}
                data-testid="share-url"
                onFocus={(e) => e.currentTarget.select()}
              />
              <button type="button" class="primary" data-testid="copy-share-url" onClick={async () => setCopied(await copyText(share().url, urlInput))}>
                Copy
              </button>
            </div>
            <p class="small" role="status">
              <Show when={copied() !== null}>{copied() ? "Copied. " : "Copy failed: select the link and copy it. "}</Show>
              Works until {formatDateTime(share().expiresAt)}
              <Show when={capped(share())}> (when this session's retention ends)</Show>.
            </p>
            <p class="notice small">Copy it now: the link is shown only once and cannot be shown again.</p>
          </div>
        )}
      </Show>
      <ErrorText message={error()} />
      <div class="confirm-actions">
        <Show
          when={created()}
          fallback={
            <>
              <button type="button" onClick={close}>
                Cancel
              </button>
              <button type="button" class="primary" data-testid="create-share" disabled={busy()} onClick={create}>
                {busy() ? "Creating…" : "Create link"}
              </button>
            </>
          }
        >
          <button type="button" data-testid="close-share" onClick={close}>
            Done
          </button>
        </Show>
      </div>
    </dialog>
  );
};

export default ShareDialog;
