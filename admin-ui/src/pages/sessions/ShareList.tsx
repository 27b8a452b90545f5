import { type Component, Show, createSignal } from "solid-js";
import { createAsync, revalidate } from "@solidjs/router";
import { getShares, revokeShare } from "../../api/shares";
import type { ShareLink } from "../../api/schemas";
import { formatDateTime } from "../../lib/format";
import { Loaded } from "../../components/Loaded";
import DataTable from "../../components/DataTable";
import ErrorText from "../../components/ErrorText";
import { runAction } from "../../lib/run-action";

/** A link's state at `now`: revoked wins over expired. */
function shareState(share: ShareLink, now: number): "active" | "expired" | "revoked" {
  if (share.revokedAt !== null) return "revoked";
  return share.expiresAt <= now ? "expired" : "active";
}

const SHARE_COLUMNS = [{ label: "Created" }, { label: "By" }, { label: "Expires" }, { label: "Views" }, { label: "State" }, { label: "Action", unseen: true }];

/** The session's share links: who made each, when it expires, how often it was opened, and Revoke. */
const ShareList: Component<{ sessionId: string }> = (props) => {
  const shares = createAsync(() => getShares(props.sessionId));
  const [revoking, setRevoking] = createSignal<string | null>(null);
  const [error, setError] = createSignal<string | null>(null);
  const revoke = (id: string) =>
    runAction({ busy: (on) => setRevoking(on ? id : null), error: setError }, "Revoke failed", async () => {
      await revokeShare(id);
      await revalidate(getShares.keyFor(props.sessionId));
    });
  return (
    <section class="shares" aria-labelledby="shares-title" data-testid="share-list">
      <h2 id="shares-title">Share links</h2>
      <ErrorText message={error()} />
      <Loaded value={shares()} loading="Loading share links…" retry={() => revalidate(getShares.keyFor(props.sessionId))}>
        {(list) => (
          <Show when={list().shares.length > 0} fallback={<p class="muted small">No share links yet. Share… makes one.</p>}>
            <DataTable class="share-links" columns={SHARE_COLUMNS} rows={list().shares}>
              {(share) => {
                const state = () => shareState(share, Date.now());
                return (
                  <tr data-testid="share-row" data-state={state()}>
                    <td>{formatDateTime(share.createdAt)}</td>
                    <td class="mono">{share.createdBy}</td>
                    <td>{formatDateTime(share.expiresAt)}</td>
                    <td data-testid="share-views">{share.views}</td>
                    <td>
                      {state()}
                      <Show when={share.revokedAt !== null}> {formatDateTime(share.revokedAt)}</Show>
                    </td>
                    <td>
                      <Show when={state() === "active"}>
                        <button type="button" class="danger" data-testid="revoke-share" disabled={revoking() === share.id} onClick={() => revoke(share.id)}>
                          {revoking() === share.id ? "Revoking…" : "Revoke"}
                        </button>
                      </Show>
                    </td>
                  </tr>
                );
              }}
            </DataTable>
          </Show>
        )}
      </Loaded>
    </section>
  );
};

export default ShareList;
