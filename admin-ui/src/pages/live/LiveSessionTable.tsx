import { type Component, For } from "solid-js";
import { A, useNavigate } from "@solidjs/router";
import type { LiveSession } from "../../live/frames";
import { describeUserAgent, formatDateTime, formatEnd, formatViewport, shortUrl } from "../../lib/format";
import TableHead, { type Column } from "../../components/TableHead";
import { onTableKey, openRow } from "../../components/row-navigation";

const COLUMNS: Column[] = [
  { label: "User" },
  { label: "Started" },
  { label: "Last chunk" },
  { label: "Chunks", num: true },
  { label: "Page" },
  { label: "Device" },
  { label: "" },
];

/** The player of `id`, following its newest events (see SessionDetailPage). */
export const livePlayerHref = (id: string) => `/sessions/${encodeURIComponent(id)}?live`;

/** The sessions being recorded; a row opens its player, following it live. */
const LiveSessionTable: Component<{ sessions: LiveSession[] }> = (props) => {
  const navigate = useNavigate();
  return (
    <div class="table-wrap">
      <table class="sessions" data-testid="live-table" onKeyDown={onTableKey}>
        <TableHead columns={COLUMNS} />
        <tbody>
          <For each={props.sessions}>
            {(s) => (
              <tr data-session-id={s.id} onClick={openRow(navigate, livePlayerHref(s.id))}>
                <td class="mono">
                  <A class="row-link" href={livePlayerHref(s.id)} title={`Watch session ${s.id} live`}>
                    {s.userId}
                  </A>
                </td>
                <td class="nowrap">{formatDateTime(s.startedAt)}</td>
                <td class="nowrap">{formatEnd(s.endedAt ?? null, s.startedAt)}</td>
                <td class="num">{s.chunkCount ?? "–"}</td>
                <td class="url" title={s.lastUrl ?? s.meta?.url ?? ""}>
                  {shortUrl(s.lastUrl ?? s.meta?.url)}
                </td>
                <td class="nowrap" title={s.meta?.ua ?? ""}>
                  {describeUserAgent(s.meta?.ua)} <span class="muted">{formatViewport(s.meta?.viewport)}</span>
                </td>
                <td class="nowrap">
                  <span class="status status-live">● live</span>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
};

export default LiveSessionTable;
