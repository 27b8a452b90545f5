import type { JSX } from "solid-js";
import { useNavigate } from "@solidjs/router";
import { formatDateTime, formatEnd } from "../lib/format";
import type { Column } from "./TableHead";
import DataTable from "./DataTable";
import { onTableKey, openRow } from "./row-navigation";
import { UserCell } from "./SessionCells";

/** What every session table shows first: who, when the session started, when it ended (or last sent). */
export interface SessionRow {
  id: string;
  userId: string;
  startedAt: number | null;
  endedAt?: number | null;
}

/** Headings of the three cells every session table draws first; `end` names the third (a session's end, or a live one's last chunk). */
export const sessionRowColumns = (end: string): Column[] => [{ label: "User" }, { label: "Started" }, { label: end }];

interface Props<T extends SessionRow> {
  testId: string;
  /** Every heading; the first three are the user, start and end cells this table draws itself (see sessionRowColumns). */
  columns: Column[];
  sessions: T[];
  href: (id: string) => string;
  linkTitle: (id: string) => string;
  /** The row's cells after the first three. */
  children: (session: T) => JSX.Element;
}

/** A table of sessions: the whole row opens `href`, its user link is the keyboard target. */
export default function SessionRowsTable<T extends SessionRow>(props: Props<T>): JSX.Element {
  const navigate = useNavigate();
  return (
    <DataTable class="sessions" testId={props.testId} columns={props.columns} rows={props.sessions} onKeyDown={onTableKey}>
      {(s) => (
        <tr data-session-id={s.id} onClick={openRow(navigate, props.href(s.id))}>
          <UserCell href={props.href(s.id)} title={props.linkTitle(s.id)} userId={s.userId} />
          <td class="nowrap">{formatDateTime(s.startedAt)}</td>
          <td class="nowrap">{formatEnd(s.endedAt ?? null, s.startedAt)}</td>
          {props.children(s)}
        </tr>
      )}
    </DataTable>
  );
}
