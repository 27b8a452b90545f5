import { createMemo } from "solid-js";
import { createAsync, type SearchParams, useSearchParams } from "@solidjs/router";

/** What the router's setSearchParams takes: a value per parameter, null to remove it. */
type SetSearchParams = Parameters<ReturnType<typeof useSearchParams>[1]>[0];

/**
 * A list page's filters, kept in the URL's query (so a filtered view can be shared and survives a
 * reload), and the page of results they select: `read` turns the query into filters, `write`
 * filters into query parameters, `load` fetches the page (a `query()`, so it is cached and revalidated).
 */
export function useUrlFilters<F, A, P>(read: (params: Partial<SearchParams>) => F, write: (applied: A) => SetSearchParams, load: (filters: F) => Promise<P>) {
  const [params, setParams] = useSearchParams();
  const filters = createMemo(() => read(params));
  const page = createAsync(() => load(filters()));
  return { filters, page, apply: (applied: A) => setParams(write(applied)) };
}
