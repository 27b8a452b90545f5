import { type Component, Show } from "solid-js";
import { A } from "@solidjs/router";
import type { AuditEntry } from "../../api/schemas";
import { formatDateTime } from "../../lib/format";
import DataTable from "../../components/DataTable";

/** How each action reads in the log. */
export const ACTION_LABELS: Record<AuditEntry["action"], string> = {
  unknown: "Unknown action",
  session_viewed: "Viewed session",
  session_deleted: "Deleted session",
  deletion_requested: "Requested deletion",
  deletion_completed: "Deletion completed",
  share_created: "Created share link",
  share_opened: "Opened share link",
  share_revoked: "Revoked share link",
  live_viewed: "Watched live",
};

const ACTOR_LABELS: Record<AuditEntry["actorType"], string> = {
  unknown: "unknown",
  admin: "admin",
  user: "user",
  share_link: "share link",
  system: "system",
};

/** The actor: its type, and its id as text (ids are never links: they may be anything a token said). */
const ActorCell: Component<{ entry: AuditEntry }> = (props) => (
  <td class="nowrap">
    <span class="status">{ACTOR_LABELS[props.entry.actorType]}</span> <span class="mono small">{props.entry.actor ?? ""}</span>
  </td>
);

/** Audit entries, newest first; `showSession` adds the session column (the global log has it, a session's own list does not). */
const AuditTable: Component<{ entries: AuditEntry[]; showSession: boolean }> = (props) => (
  <DataTable
    class="sessions audit"
    testId="audit-table"
    columns={
      props.showSession
        ? [{ label: "When" }, { label: "Action" }, { label: "Actor" }, { label: "Session" }]
        : [{ label: "When" }, { label: "Action" }, { label: "Actor" }]
    }
    rows={props.entries}
  >
    {(e) => (
      <tr data-audit-id={e.id} data-action={e.action} data-session-id={e.sessionId ?? ""}>
        <td class="nowrap">{formatDateTime(e.at)}</td>
        <td>{ACTION_LABELS[e.action]}</td>
        <ActorCell entry={e} />
        <Show when={props.showSession}>
          <td class="mono small">
            <Show when={e.sessionId} fallback="–">
              {(id) => (
                <A href={`/audit?session=${encodeURIComponent(id())}`} title="Entries of this session only">
                  {id()}
                </A>
              )}
            </Show>
          </td>
        </Show>
      </tr>
    )}
  </DataTable>
);

export default AuditTable;
