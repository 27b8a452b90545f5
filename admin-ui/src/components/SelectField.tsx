import { For, type JSX, Show } from "solid-js";

interface Props<T extends string> {
  label: string;
  name: string;
  options: readonly T[];
  /** The option shown chosen; none (or the `anyLabel` option) when undefined. */
  selected: T | undefined;
  /** What an option reads as; the option itself when absent. */
  optionLabel?: (option: T) => string;
  /** A first option with an empty value, for "no filter". */
  anyLabel?: string;
  testId: string;
  ref: HTMLSelectElement | ((el: HTMLSelectElement) => void);
}

/** A labelled choice among a list's filter values, read by its form on submit (not bound to a signal). */
export default function SelectField<T extends string>(props: Props<T>): JSX.Element {
  return (
    <label>
      {props.label}
      <select ref={props.ref} name={props.name} data-testid={props.testId}>
        <Show when={props.anyLabel}>{(any) => <option value="">{any()}</option>}</Show>
        <For each={props.options}>
          {(option) => (
            <option value={option} selected={props.selected === option}>
              {props.optionLabel ? props.optionLabel(option) : option}
            </option>
          )}
        </For>
      </select>
    </label>
  );
}
