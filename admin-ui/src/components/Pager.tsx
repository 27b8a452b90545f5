import { type Component, Show } from "solid-js";

interface Props {
  /** What this page holds, e.g. "12 sessions". */
  count: string;
  /** Whether this is an older page (reached through a cursor). */
  older: boolean;
  /** The cursor of the next older page, if there is one. */
  next: string | null;
  onNewest(): void;
  onOlder(cursor: string): void;
}

/** Newest-first paging by cursor: back to the newest page, or on to older ones. */
const Pager: Component<Props> = (props) => (
  <nav class="pager" aria-label="Pages">
    <span class="muted small">
      {props.count}
      {props.older ? " (older page)" : ""}, newest first
    </span>
    <Show when={props.older}>
      <button type="button" onClick={() => props.onNewest()}>
        ⇤ Newest
      </button>
    </Show>
    <Show when={props.next}>
      {(next) => (
        <button type="button" data-testid="next-page" onClick={() => props.onOlder(next())}>
          Older →
        </button>
      )}
    </Show>
  </nav>
);

export default Pager;
