import { type Component, For } from "solid-js";
import { useNavigate } from "@solidjs/router";
import type { SessionSummary } from "../../api/schemas";
import { formatBytes, formatDateTime, formatDuration, formatEnd } from "../../lib/format";
import StatusBadge from "../../components/StatusBadge";
import TableHead, { type Column } from "../../components/TableHead";
import { onTableKey, openRow } from "../../components/row-navigation";
import { DeviceCell, FrustrationCell, PageCell, UserCell } from "../../components/SessionCells";
import { sessionDuration, sessionPage } from "./session-facts";

interface Props {
  sessions: SessionSummary[];
}

const COLUMNS: Column[] = [
  { label: "User" },
  { label: "Started" },
  { label: "Ended" },
  { label: "Duration", num: true },
  { label: "Size", num: true },
  { label: "Status" },
  { label: "Page" },
  { label: "Device" },
  { label: "Rage", num: true },
  { label: "Dead", num: true },
];

/** The session rows; the whole row opens the session, its link is the keyboard target. */
const SessionTable: Component<Props> = (props) => {
  const navigate = useNavigate();
  return (
    <div class="table-wrap">
      <table class="sessions" data-testid="sessions-table" onKeyDown={onTableKey}>
        <TableHead columns={COLUMNS} />
        <tbody>
          <For each={props.sessions}>
            {(s) => (
              <tr data-session-id={s.id} onClick={openRow(navigate, `/sessions/${s.id}`)}>
                <UserCell href={`/sessions/${s.id}`} title={`Open session ${s.id}`} userId={s.userId} />
                <td class="nowrap">{formatDateTime(s.startedAt)}</td>
                <td class="nowrap">{formatEnd(s.endedAt, s.startedAt)}</td>
                <td class="num">{formatDuration(sessionDuration(s))}</td>
                <td class="num">{formatBytes(s.bytes)}</td>
                <td>
                  <StatusBadge status={s.status} />
                </td>
                <PageCell url={sessionPage(s)} />
                <DeviceCell meta={s.meta} />
                <FrustrationCell count={s.rageClicks} what="rage clicks" />
                <FrustrationCell count={s.deadClicks} what="dead clicks" />
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
};

export default SessionTable;
