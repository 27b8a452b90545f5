import { For, type JSX } from "solid-js";
import TableHead, { type Column } from "./TableHead";

interface Props<T> {
  class: string;
  testId?: string;
  columns: Column[];
  rows: readonly T[];
  onKeyDown?: JSX.EventHandler<HTMLTableElement, KeyboardEvent>;
  /** One body row (`<tr>`) per item. */
  children: (row: T) => JSX.Element;
}

/** A table in its scrolling wrapper: the heading row, then a body row per item. */
export default function DataTable<T>(props: Props<T>): JSX.Element {
  return (
    <div class="table-wrap">
      <table class={props.class} data-testid={props.testId} onKeyDown={props.onKeyDown}>
        <TableHead columns={props.columns} />
        <tbody>
          <For each={props.rows}>{(row) => props.children(row)}</For>
        </tbody>
      </table>
    </div>
  );
}
