import type { Component } from "solid-js";

interface Props {
  label: string;
  name: string;
  placeholder: string;
  value: string | undefined;
  testId: string;
  ref: HTMLInputElement | ((el: HTMLInputElement) => void);
}

/** A labelled free-text filter of a list: ids are typed exactly, so no autocomplete or spellcheck. */
const SearchField: Component<Props> = (props) => (
  <label>
    {props.label}
    <input
      ref={props.ref}
      name={props.name}
      type="search"
      placeholder={props.placeholder}
      autocomplete="off"
      spellcheck={false}
      value={props.value ?? ""}
      data-testid={props.testId}
    />
  </label>
);

export default SearchField;
