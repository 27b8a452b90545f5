import { type Component, ErrorBoundary, Show, Suspense, createMemo } from "solid-js";
import { createAsync, revalidate, useSearchParams } from "@solidjs/router";
import { getSessions } from "../../api/admin";
import { Empty, ErrorState, Loading } from "../../components/States";
import { filterParams, readFilters } from "./filters";
import SessionFiltersForm from "./SessionFiltersForm";
import SessionTable from "./SessionTable";

/** `/admin/sessions`: filter, table, pages. */
const SessionListPage: Component = () => {
  const [params, setParams] = useSearchParams();
  const filters = createMemo(() => readFilters(params));
  const page = createAsync(() => getSessions(filters()));
  const filtered = () => filters().userId !== undefined || filters().from !== undefined || filters().to !== undefined;

  return (
    <div class="page list-page">
      <header class="page-head">
        <h1>Sessions</h1>
        <button type="button" onClick={() => void revalidate(getSessions.key)} title="Reload the list">
          ↻ Refresh
        </button>
      </header>
      <SessionFiltersForm filters={filters()} onApply={(f) => setParams(filterParams(f))} />
      <ErrorBoundary fallback={(err, reset) => <ErrorState error={err} onRetry={() => void revalidate(getSessions.key).then(reset)} />}>
        <Suspense fallback={<Loading label="Loading sessions…" />}>
          <Show when={page()}>
            {(p) => (
              <Show
                when={p().sessions.length > 0}
                fallback={
                  <Empty>
                    <Show when={filtered()} fallback={<p>No sessions recorded yet. Open the demo page to record one.</p>}>
                      <p>No sessions match these filters.</p>
                    </Show>
                  </Empty>
                }
              >
                <SessionTable sessions={p().sessions} />
                <nav class="pager" aria-label="Pages">
                  <span class="muted small">
                    {p().sessions.length === 1 ? "1 session" : `${p().sessions.length} sessions`}{filters().cursor ? " (older page)" : ""}, newest first
                  </span>
                  <Show when={filters().cursor}>
                    <button type="button" onClick={() => setParams({ cursor: null })}>
                      ⇤ Newest
                    </button>
                  </Show>
                  <Show when={p().nextCursor}>
                    {(next) => (
                      <button type="button" data-testid="next-page" onClick={() => setParams({ cursor: next() })}>
                        Older →
                      </button>
                    )}
                  </Show>
                </nav>
              </Show>
            )}
          </Show>
        </Suspense>
      </ErrorBoundary>
    </div>
  );
};

export default SessionListPage;
