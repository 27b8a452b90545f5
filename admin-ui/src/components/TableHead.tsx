import { type Component, For } from "solid-js";

/** One column of a table: its heading, and whether it holds numbers (aligned right). */
export interface Column {
  label: string;
  num?: boolean;
  /** The heading is named for screen readers only (a column of buttons). */
  unseen?: boolean;
}

/** A table's header row, one `<th scope="col">` per column. */
const TableHead: Component<{ columns: Column[] }> = (props) => (
  <thead>
    <tr>
      <For each={props.columns}>
        {(c) => (
          <th scope="col" class={c.num ? "num" : undefined} aria-label={c.unseen ? c.label : undefined}>
            {c.unseen ? null : c.label}
          </th>
        )}
      </For>
    </tr>
  </thead>
);

export default TableHead;
