import { type Component, Show } from "solid-js";
import { revalidate } from "@solidjs/router";
import { getSessions } from "../../api/admin";
import ListPage from "../../components/ListPage";
import { useUrlFilters } from "../../components/url-filters";
import { filterParams, isFiltered, readFilters } from "./filters";
import SessionFiltersForm from "./SessionFiltersForm";
import SessionTable from "./SessionTable";

/** `/admin/sessions`: filter, table, pages. */
const SessionListPage: Component = () => {
  const { filters, page, apply } = useUrlFilters(readFilters, filterParams, getSessions);

  return (
    <ListPage
      name="list"
      title="Sessions"
      reload={() => revalidate(getSessions.key)}
      reloadTitle="Reload the list"
      filters={<SessionFiltersForm filters={filters()} onApply={apply} />}
      page={page()}
      loading="Loading sessions…"
      rows={(p) => p.sessions}
      noun={["session", "sessions"]}
      empty={
        <Show when={isFiltered(filters())} fallback={<p>No sessions recorded yet. Open the demo page to record one.</p>}>
          <p>No sessions match these filters.</p>
        </Show>
      }
    >
      {(p) => <SessionTable sessions={p.sessions} />}
    </ListPage>
  );
};

export default SessionListPage;
