import { type Component, For } from "solid-js";
import { useNavigate } from "@solidjs/router";
import type { LiveSession } from "../../live/frames";
import { formatDateTime, formatEnd } from "../../lib/format";
import TableHead, { type Column } from "../../components/TableHead";
import { onTableKey, openRow } from "../../components/row-navigation";
import { DeviceCell, PageCell, UserCell } from "../../components/SessionCells";
import StatusBadge from "../../components/StatusBadge";

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
                <UserCell href={livePlayerHref(s.id)} title={`Watch session ${s.id} live`} userId={s.userId} />
                <td class="nowrap">{formatDateTime(s.startedAt)}</td>
                <td class="nowrap">{formatEnd(s.endedAt ?? null, s.startedAt)}</td>
                <td class="num">{s.chunkCount ?? "–"}</td>
                <PageCell url={s.lastUrl ?? s.meta?.url} />
                <DeviceCell meta={s.meta} device={s.device} />
                <td class="nowrap">
                  <StatusBadge status="live" />
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
