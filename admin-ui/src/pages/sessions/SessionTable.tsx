import type { Component } from "solid-js";
import type { SessionSummary } from "../../api/schemas";
import { formatBytes, formatDuration } from "../../lib/format";
import StatusBadge from "../../components/StatusBadge";
import type { Column } from "../../components/TableHead";
import { DeviceCell, FrustrationCell, PageCell } from "../../components/SessionCells";
import SessionRowsTable, { sessionRowColumns } from "../../components/SessionRowsTable";
import { sessionDuration, sessionPage } from "./session-facts";

const COLUMNS: Column[] = [
  ...sessionRowColumns("Ended"),
  { label: "Duration", num: true },
  { label: "Size", num: true },
  { label: "Status" },
  { label: "Page" },
  { label: "Device" },
  { label: "Rage", num: true },
  { label: "Dead", num: true },
];

/** The session rows; the whole row opens the session, its link is the keyboard target. */
const SessionTable: Component<{ sessions: SessionSummary[] }> = (props) => (
  <SessionRowsTable
    testId="sessions-table"
    columns={COLUMNS}
    sessions={props.sessions}
    href={(id) => `/sessions/${id}`}
    linkTitle={(id) => `Open session ${id}`}
  >
    {(s) => (
      <>
        <td class="num">{formatDuration(sessionDuration(s))}</td>
        <td class="num">{formatBytes(s.bytes)}</td>
        <td>
          <StatusBadge status={s.status} />
        </td>
        <PageCell url={sessionPage(s)} />
        <DeviceCell meta={s.meta} device={s.device} />
        <FrustrationCell count={s.rageClicks} what="rage clicks" />
        <FrustrationCell count={s.deadClicks} what="dead clicks" />
      </>
    )}
  </SessionRowsTable>
);

export default SessionTable;
