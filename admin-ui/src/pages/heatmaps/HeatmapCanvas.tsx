import { type Component, createEffect, createSignal, onCleanup, onMount } from "solid-js";
import type { Heatmap } from "../../api/schemas";
import { drawHeatmap, fitViewport } from "../../heatmaps/draw-heatmap";

interface Props {
  heatmap: Heatmap;
  /** The recorded viewport the percentages are of. */
  viewport: { width: number; height: number };
}

/**
 * The heatmap over the frame: a canvas covering its parent, drawn where the replay shows the
 * viewport. Redrawn when the data or the size changes, never on other renders.
 */
const HeatmapCanvas: Component<Props> = (props) => {
  let canvas!: HTMLCanvasElement;
  const [size, setSize] = createSignal({ width: 0, height: 0 });
  onMount(() => {
    const parent = canvas.parentElement;
    if (!parent) return;
    const observer = new ResizeObserver(() => setSize({ width: parent.clientWidth, height: parent.clientHeight }));
    observer.observe(parent);
    onCleanup(() => observer.disconnect());
  });
  createEffect(() => {
    const { width, height } = size();
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext("2d");
    if (!ctx || width === 0 || height === 0) return;
    drawHeatmap(ctx, props.heatmap.points, fitViewport(width, height, props.viewport.width, props.viewport.height));
  });
  return (
    <canvas
      ref={canvas}
      class="heatmap-canvas"
      data-testid="heatmap-canvas"
      data-clicks={props.heatmap.clicks}
      role="img"
      aria-label={`Heatmap of ${props.heatmap.clicks} clicks`}
    />
  );
};

export default HeatmapCanvas;
