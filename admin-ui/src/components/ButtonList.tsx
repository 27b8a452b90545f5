import { type Accessor, For, type JSX, Show } from "solid-js";

interface Props<T> {
  items: readonly T[];
  testId: string;
  /** What the list says when it has no items. */
  empty: string;
  /** An item's button. */
  children: (item: T, index: Accessor<number>) => JSX.Element;
}

/** A side panel's list of items, each one button (to seek, to pick), or a quiet line when there is none. */
export default function ButtonList<T>(props: Props<T>): JSX.Element {
  return (
    <Show when={props.items.length > 0} fallback={<p class="muted small">{props.empty}</p>}>
      <ol data-testid={props.testId}>
        <For each={props.items}>{(item, i) => <li>{props.children(item, i)}</li>}</For>
      </ol>
    </Show>
  );
}
