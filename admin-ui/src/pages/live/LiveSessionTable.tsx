import type { Component } from "solid-js";
import type { LiveSession } from "../../live/frames";
import type { Column } from "../../components/TableHead";
import { DeviceCell, PageCell } from "../../components/SessionCells";
import SessionRowsTable from "../../components/SessionRowsTable";
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
const LiveSessionTable: Component<{ sessions: LiveSession[] }> = (props) => (
  <SessionRowsTable testId="live-table" columns={COLUMNS} sessions={props.sessions} href={livePlayerHref} linkTitle={(id) => `Watch session ${id} live`}>
    {(s) => (
      <>
        <td class="num">{s.chunkCount ?? "–"}</td>
        <PageCell url={s.lastUrl ?? s.meta?.url} />
        <DeviceCell meta={s.meta} device={s.device} />
        <td class="nowrap">
          <StatusBadge status="live" />
        </td>
      </>
    )}
  </SessionRowsTable>
);

export default LiveSessionTable;
