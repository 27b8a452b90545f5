import { type Component, type JSX, Show } from "solid-js";
import { ApiError } from "../api/api-error";
import { describeError } from "../lib/run-action";

/** A quiet loading line with a spinner (announced to screen readers); `class` places it elsewhere. */
export const Loading: Component<{ label: string; class?: string }> = (props) => (
  <div class={props.class ?? "state state-loading"} role="status">
    <span class="spinner" aria-hidden="true" />
    {props.label}
  </div>
);

/** An error with its API code and a retry button. */
export const ErrorState: Component<{ error: unknown; onRetry?: () => void; children?: JSX.Element }> = (props) => {
  const message = () => describeError(props.error, "Something went wrong");
  const code = () => (props.error instanceof ApiError ? props.error.code : null);
  return (
    <div class="state state-error" role="alert" data-testid="error-state">
      <strong>Could not load this.</strong> {message()}
      <Show when={code()}>
        <code class="muted"> ({code()})</code>
      </Show>
      {props.children}
      <Show when={props.onRetry}>
        <button type="button" onClick={() => props.onRetry?.()}>
          Retry
        </button>
      </Show>
    </div>
  );
};

/** An empty result, with what to do about it. */
export const Empty: Component<{ children: JSX.Element }> = (props) => (
  <div class="state state-empty" data-testid="empty-state">
    {props.children}
  </div>
);
