import type { Component } from "solid-js";
import { revalidate } from "@solidjs/router";
import { getAudit, type AuditFilters } from "../../api/admin";
import ListPage from "../../components/ListPage";
import { useUrlFilters } from "../../components/url-filters";
import SearchField from "../../components/SearchField";
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
      <SearchField ref={actor} label="Actor" name="actor" placeholder="admin, user or share id" value={props.filters.actor} testId="audit-filter-actor" />
      <SearchField ref={session} label="Session" name="session" placeholder="session id" value={props.filters.sessionId} testId="audit-filter-session" />
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
  const { filters, page, apply } = useUrlFilters(readAuditFilters, auditFilterParams, getAudit);
  return (
    <ListPage
      name="audit"
      title="Audit log"
      reload={() => revalidate(getAudit.key)}
      reloadTitle="Reload the log"
      filters={<AuditFiltersForm filters={filters()} onApply={apply} />}
      page={page()}
      loading="Loading the audit log…"
      rows={(p) => p.entries}
      noun={["entry", "entries"]}
      empty={<p>No entries match.</p>}
    >
      {(p) => <AuditTable entries={p.entries} showSession={true} />}
    </ListPage>
  );
};

export default AuditPage;
