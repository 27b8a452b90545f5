import { type Component, Show } from "solid-js";

/** A form's or a dialog's error line, announced as it appears; nothing while there is none. */
const ErrorText: Component<{ message: string | null }> = (props) => (
  <Show when={props.message}>
    <p class="error-text" role="alert">
      {props.message}
    </p>
  </Show>
);

export default ErrorText;
