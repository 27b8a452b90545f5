import { type Component, Show } from "solid-js";
import { A, createAsync } from "@solidjs/router";
import { getAudit } from "../../api/admin";
import { Loaded } from "../../components/Loaded";
import AuditTable from "../audit/AuditTable";

/** Entries the player page shows; the rest are one link away. */
const SESSION_AUDIT_LIMIT = 10;

/**
 * The audit entries of one session, under its player. Mounted once the session has loaded, so
 * the view that loaded it (recorded by the server before answering) is already listed.
 */
const SessionAudit: Component<{ sessionId: string }> = (props) => {
  const page = createAsync(() => getAudit({ sessionId: props.sessionId }, SESSION_AUDIT_LIMIT));
  const allHref = () => `/audit?session=${encodeURIComponent(props.sessionId)}`;
  return (
    <section class="session-audit" data-testid="session-audit" aria-labelledby="session-audit-title">
      <h2 id="session-audit-title">Audit</h2>
      <Loaded value={page()} loading="Loading audit entries…">
        {(p) => (
          <>
            <AuditTable entries={p().entries} showSession={false} />
            <Show when={p().nextCursor}>
              <p class="small">
                <A href={allHref()}>All entries of this session →</A>
              </p>
            </Show>
          </>
        )}
      </Loaded>
    </section>
  );
};

export default SessionAudit;
