import { type Component, Show, createMemo } from "solid-js";
import { createAsync, revalidate, useSearchParams } from "@solidjs/router";
import { getSessions } from "../../api/admin";
import ListPage from "../../components/ListPage";
import { filterParams, isFiltered, readFilters } from "./filters";
import SessionFiltersForm from "./SessionFiltersForm";
import SessionTable from "./SessionTable";

/** `/admin/sessions`: filter, table, pages. */
const SessionListPage: Component = () => {
  const [params, setParams] = useSearchParams();
  const filters = createMemo(() => readFilters(params));
  const page = createAsync(() => getSessions(filters()));

  return (
    <ListPage
      name="list"
      title="Sessions"
      reload={() => revalidate(getSessions.key)}
      reloadTitle="Reload the list"
      filters={<SessionFiltersForm filters={filters()} onApply={(f) => setParams(filterParams(f))} />}
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
