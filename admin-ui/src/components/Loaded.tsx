import { type Accessor, type JSX, ErrorBoundary, Show, Suspense } from "solid-js";
import { ErrorState, Loading } from "./States";

interface Props<T> {
  /** The value being loaded (a `createAsync` read): reading it suspends until it is there. */
  value: T | undefined;
  /** What the spinner says meanwhile. */
  loading: string;
  /** Fetches again after an error; the view resets once it has. */
  retry?: () => Promise<unknown>;
  /** Shows an error differently (a 404, a sign-in redirect) instead of the error with Retry. */
  fallback?: (err: unknown, reset: () => void) => JSX.Element;
  children: (value: Accessor<NonNullable<T>>) => JSX.Element;
}

/** One loaded view: a spinner while it loads, the error (with Retry) if it fails, then the content. */
export function Loaded<T>(props: Props<T>): JSX.Element {
  const fallback = (err: unknown, reset: () => void) =>
    props.fallback?.(err, reset) ?? <ErrorState error={err} onRetry={props.retry && (() => void props.retry?.().then(reset))} />;
  return (
    <ErrorBoundary fallback={fallback}>
      <Suspense fallback={<Loading label={props.loading} />}>
        <Show when={props.value}>{(value) => props.children(value)}</Show>
      </Suspense>
    </ErrorBoundary>
  );
}
