import { type Component, Show, createMemo } from "solid-js";
import { createAsync, revalidate, useSearchParams } from "@solidjs/router";
import { getSessions } from "../../api/admin";
import { Empty } from "../../components/States";
import { Loaded } from "../../components/Loaded";
import Page from "../../components/Page";
import Pager from "../../components/Pager";
import { filterParams, isFiltered, readFilters } from "./filters";
import SessionFiltersForm from "./SessionFiltersForm";
import SessionTable from "./SessionTable";

/** `/admin/sessions`: filter, table, pages. */
const SessionListPage: Component = () => {
  const [params, setParams] = useSearchParams();
  const filters = createMemo(() => readFilters(params));
  const page = createAsync(() => getSessions(filters()));

  return (
    <Page
      name="list"
      title="Sessions"
      aside={
        <button type="button" onClick={() => void revalidate(getSessions.key)} title="Reload the list">
          ↻ Refresh
        </button>
      }
    >
      <SessionFiltersForm filters={filters()} onApply={(f) => setParams(filterParams(f))} />
      <Loaded value={page()} loading="Loading sessions…" retry={() => revalidate(getSessions.key)}>
        {(p) => (
          <Show
            when={p().sessions.length > 0}
            fallback={
              <Empty>
                <Show when={isFiltered(filters())} fallback={<p>No sessions recorded yet. Open the demo page to record one.</p>}>
                  <p>No sessions match these filters.</p>
                </Show>
              </Empty>
            }
          >
            <SessionTable sessions={p().sessions} />
            <Pager
              count={p().sessions.length === 1 ? "1 session" : `${p().sessions.length} sessions`}
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

export default SessionListPage;
