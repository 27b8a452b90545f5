import { type Component, createSignal, onCleanup } from "solid-js";
import { createAsync } from "@solidjs/router";
import { getHeatmapPages } from "../../api/admin";
import type { HeatmapPage } from "../../api/schemas";
import { shortUrl } from "../../lib/format";
import { Loaded } from "../../components/Loaded";
import ButtonList from "../../components/ButtonList";

/** Typing waits this long before asking the server, so a word is one request, not one per key. */
const SEARCH_DEBOUNCE_MS = 250;

interface Props {
  selected: string | undefined;
  onPick(page: HeatmapPage): void;
}

/** The searchable list of pages with clicks, most clicked first. */
const PagePicker: Component<Props> = (props) => {
  const [search, setSearch] = createSignal("");
  let timer: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(timer));
  const pages = createAsync(() => getHeatmapPages(search()));
  const onInput = (value: string) => {
    clearTimeout(timer);
    timer = setTimeout(() => setSearch(value.trim()), SEARCH_DEBOUNCE_MS);
  };
  return (
    <section class="heatmap-pages" aria-label="Pages">
      <input
        type="search"
        placeholder="Search pages"
        aria-label="Search pages"
        autocomplete="off"
        spellcheck={false}
        onInput={(e) => onInput(e.currentTarget.value)}
        data-testid="heatmap-page-search"
      />
      <Loaded value={pages()} loading="Loading pages…">
        {(list) => (
          <ButtonList items={list().pages} testId="heatmap-page-list" empty={`No page has clicks${search() ? " matching this" : " yet"}.`}>
            {(page) => (
              <button type="button" class="heatmap-page" aria-pressed={page.url === props.selected} title={page.url} onClick={() => props.onPick(page)}>
                <span class="heatmap-page-url">{shortUrl(page.url)}</span>
                <span class="muted small">{page.clicks.toLocaleString()}</span>
              </button>
            )}
          </ButtonList>
        )}
      </Loaded>
    </section>
  );
};

export default PagePicker;
