import { type Component, For } from "solid-js";
import { A, useNavigate } from "@solidjs/router";
import type { SessionSummary } from "../../api/schemas";
import { describeUserAgent, formatBytes, formatDateTime, formatDuration, formatEnd, formatViewport, shortUrl } from "../../lib/format";
import StatusBadge from "../../components/StatusBadge";

interface Props {
  sessions: SessionSummary[];
}

/** Moves focus between the rows' links with ↑/↓ (or j/k), like a mail client. */
function onTableKey(e: KeyboardEvent) {
  const keys: Record<string, number> = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1 };
  const step = keys[e.key];
  if (step === undefined || !(e.target instanceof HTMLElement)) return;
  const links = [...(e.currentTarget as HTMLElement).querySelectorAll<HTMLAnchorElement>("a.row-link")];
  const at = links.indexOf(e.target as HTMLAnchorElement);
  const next = links[Math.min(links.length - 1, Math.max(0, at + step))];
  if (next) {
    e.preventDefault();
    next.focus();
  }
}

/** The session rows; the whole row opens the session, its link is the keyboard target. */
const SessionTable: Component<Props> = (props) => {
  const navigate = useNavigate();
  return (
    <div class="table-wrap">
      <table class="sessions" data-testid="sessions-table" onKeyDown={onTableKey}>
        <thead>
          <tr>
            <th scope="col">User</th>
            <th scope="col">Started</th>
            <th scope="col">Ended</th>
            <th scope="col" class="num">
              Duration
            </th>
            <th scope="col" class="num">
              Size
            </th>
            <th scope="col">Status</th>
            <th scope="col">Page</th>
            <th scope="col">Device</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.sessions}>
            {(s) => (
              <tr
                data-session-id={s.id}
                onClick={(e) => {
                  // Let real clicks on the link (and ctrl/middle clicks) behave like links.
                  if (e.target instanceof HTMLAnchorElement || e.ctrlKey || e.metaKey) return;
                  navigate(`/sessions/${s.id}`);
                }}
              >
                <td class="mono">
                  <A class="row-link" href={`/sessions/${s.id}`} title={`Open session ${s.id}`}>
                    {s.userId}
                  </A>
                </td>
                <td class="nowrap">{formatDateTime(s.startedAt)}</td>
                <td class="nowrap">{formatEnd(s.endedAt, s.startedAt)}</td>
                <td class="num">{formatDuration(s.startedAt !== null && s.endedAt !== null ? s.endedAt - s.startedAt : null)}</td>
                <td class="num">{formatBytes(s.bytes)}</td>
                <td>
                  <StatusBadge status={s.status} />
                </td>
                <td class="url" title={s.lastUrl ?? s.meta.url ?? ""}>
                  {shortUrl(s.lastUrl ?? s.meta.url)}
                </td>
                <td class="nowrap" title={s.meta.ua ?? ""}>
                  {describeUserAgent(s.meta.ua)} <span class="muted">{formatViewport(s.meta.viewport)}</span>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
};

export default SessionTable;
