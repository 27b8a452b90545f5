import { type JSX, Show } from "solid-js";
import { useSearchParams } from "@solidjs/router";
import { Empty } from "./States";
import { Loaded } from "./Loaded";
import Page from "./Page";
import Pager from "./Pager";

interface Props<P extends { nextCursor: string | null }> {
  /** Names the page's class, as `Page` does. */
  name: string;
  title: string;
  /** Fetches the list again (Refresh, and Retry after an error). */
  reload: () => Promise<unknown>;
  /** What Refresh says it does. */
  reloadTitle: string;
  /** The filter form above the list. */
  filters: JSX.Element;
  /** The page as `createAsync` reads it. */
  page: P | undefined;
  /** What the spinner says meanwhile. */
  loading: string;
  /** The page's rows, for its count and the empty state. */
  rows: (page: P) => readonly unknown[];
  /** How a count reads: one row, many rows ("entry", "entries"). */
  noun: readonly [one: string, many: string];
  /** What an empty page says. */
  empty: JSX.Element;
  /** The rows of a page that has some. */
  children: (page: P) => JSX.Element;
}

/** A filtered, newest-first list page: title with Refresh, filters, the rows (or why there are none), then paging. */
export default function ListPage<P extends { nextCursor: string | null }>(props: Props<P>): JSX.Element {
  // The page's position is `?cursor=` beside the filters, so an older page can be shared too.
  const [params, setParams] = useSearchParams();
  const count = (n: number) => (n === 1 ? `1 ${props.noun[0]}` : `${n} ${props.noun[1]}`);
  return (
    <Page
      name={props.name}
      title={props.title}
      aside={
        <button type="button" onClick={() => void props.reload()} title={props.reloadTitle}>
          ↻ Refresh
        </button>
      }
    >
      {props.filters}
      <Loaded value={props.page} loading={props.loading} retry={props.reload}>
        {(p) => (
          <Show when={props.rows(p()).length > 0} fallback={<Empty>{props.empty}</Empty>}>
            {props.children(p())}
            <Pager
              count={count(props.rows(p()).length)}
              older={Boolean(params.cursor)}
              next={p().nextCursor}
              onNewest={() => setParams({ cursor: null })}
              onOlder={(cursor) => setParams({ cursor })}
            />
          </Show>
        )}
      </Loaded>
    </Page>
  );
}
