import { type JSX, type ParentComponent, Show } from "solid-js";

interface Props {
  /** Names the page's class (`metrics` gives `metrics-page`). */
  name: string;
  /** The heading; without one the page draws its own header. */
  title?: string;
  /** Beside the heading: actions or a note. */
  aside?: JSX.Element;
}

/** The frame of a page inside the app shell: its class, and its title row when it has a title. */
const Page: ParentComponent<Props> = (props) => (
  <div class={`page ${props.name}-page`}>
    <Show when={props.title}>
      <header class="page-head">
        <h1>{props.title}</h1>
        {props.aside}
      </header>
    </Show>
    {props.children}
  </div>
);

export default Page;
