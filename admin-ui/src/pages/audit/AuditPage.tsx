import { type Component, Show, createMemo } from "solid-js";
import { createAsync, revalidate, useSearchParams } from "@solidjs/router";
import { getAudit, type AuditFilters } from "../../api/admin";
import { Empty } from "../../components/States";
import { Loaded } from "../../components/Loaded";
import Page from "../../components/Page";
import Pager from "../../components/Pager";
import AuditTable from "./AuditTable";
import { auditFilterParams, readAuditFilters } from "./audit-filters";

/** Actor and session filter of the audit log. */
const AuditFiltersForm: Component<{ filters: AuditFilters; onApply(f: { actor?: string; sessionId?: string }): void }> = (props) => {
  let actor!: HTMLInputElement;
  let session!: HTMLInputElement;
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    props.onApply({ actor: actor.value.trim() || undefined, sessionId: session.value.trim() || undefined });
  };
  return (
    <form class="filters" role="search" onSubmit={submit}>
      <label>
        Actor
        <input
          ref={actor}
          name="actor"
          type="search"
          placeholder="admin, user or share id"
          autocomplete="off"
          spellcheck={false}
          value={props.filters.actor ?? ""}
          data-testid="audit-filter-actor"
        />
      </label>
      <label>
        Session
        <input
          ref={session}
          name="session"
          type="search"
          placeholder="session id"
          autocomplete="off"
          spellcheck={false}
          value={props.filters.sessionId ?? ""}
          data-testid="audit-filter-session"
        />
      </label>
      <button type="submit" class="primary" data-testid="audit-filter-apply">
        Apply
      </button>
      <button type="button" disabled={!props.filters.actor && !props.filters.sessionId} onClick={() => props.onApply({})}>
        Clear
      </button>
    </form>
  );
};

/** `/admin/audit`: who read or changed which session, newest first, filtered by actor and session. */
const AuditPage: Component = () => {
  const [params, setParams] = useSearchParams();
  const filters = createMemo(() => readAuditFilters(params));
  const page = createAsync(() => getAudit(filters()));
  return (
    <Page
      name="audit"
      title="Audit log"
      aside={
        <button type="button" onClick={() => void revalidate(getAudit.key)} title="Reload the log">
          ↻ Refresh
        </button>
      }
    >
      <AuditFiltersForm filters={filters()} onApply={(f) => setParams(auditFilterParams(f))} />
      <Loaded value={page()} loading="Loading the audit log…" retry={() => revalidate(getAudit.key)}>
        {(p) => (
          <Show
            when={p().entries.length > 0}
            fallback={
              <Empty>
                <p>No entries match.</p>
              </Empty>
            }
          >
            <AuditTable entries={p().entries} showSession={true} />
            <Pager
              count={p().entries.length === 1 ? "1 entry" : `${p().entries.length} entries`}
              older={Boolean(filters().cursor)}
              next={p().nextCursor}
              onNewest={() => setParams({ cursor: null })}
              onOlder={(cursor) => setParams({ cursor })}
            />
          </Show>
        )}
      </Loaded>
    </Page>
  );
};

export default AuditPage;
