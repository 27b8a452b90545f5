import { type Component, For, Show } from "solid-js";

interface Props {
  title: string;
  /** One value per slot (a minute), oldest first. */
  values: number[];
  /** Epoch ms of the first slot; slots are a minute apart. */
  from: number;
  format(n: number): string;
  tone?: "blue" | "red" | "amber";
}

/** The SVG's own coordinates (it stretches to the figure); bars leave `PAD_TOP` free above them. */
const W = 600,
  H = 120,
  PAD_TOP = 8;
const SLOT_MS = 60_000;
const timeOfDay = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

/** A per-minute bar chart in inline SVG (no chart library, no inline script: CSP-safe). */
const BarChart: Component<Props> = (props) => {
  const max = () => Math.max(1, ...props.values);
  const slot = () => W / Math.max(1, props.values.length);
  const total = () => props.values.reduce((a, b) => a + b, 0);
  return (
    <figure class={`chart tone-${props.tone ?? "blue"}`}>
      <figcaption>
        <span>{props.title}</span>
        <span class="muted small">
          peak {props.format(max() === 1 && total() === 0 ? 0 : max())}/min · total {props.format(total())}
        </span>
      </figcaption>
      <svg viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="none" role="img" aria-label={`${props.title}: total ${props.format(total())} in the last hour`}>
        <line x1="0" y1={H - 0.5} x2={W} y2={H - 0.5} class="axis" />
        <For each={props.values}>
          {(v, i) => (
            <Show when={v > 0}>
              <rect x={i() * slot() + 1} width={Math.max(1, slot() - 2)} y={H - (v / max()) * (H - PAD_TOP)} height={(v / max()) * (H - PAD_TOP)}>
                <title>{`${timeOfDay.format(props.from + i() * SLOT_MS)}: ${props.format(v)}`}</title>
              </rect>
            </Show>
          )}
        </For>
      </svg>
      <div class="chart-axis muted small">
        <span>{timeOfDay.format(props.from)}</span>
        <span>{timeOfDay.format(props.from + (props.values.length - 1) * SLOT_MS)}</span>
      </div>
    </figure>
  );
};

export default BarChart;
