/**
 * The heatmap drawing, pure: points (percent of the viewport, with counts) become an intensity
 * grid, each point a radial falloff around it, normalized so the hottest spot is 1; the grid is
 * painted into RGBA pixels through a palette. No DOM beyond the two ImageData calls of a canvas
 * context, so tests can read the pixels of a substitute.
 */

/** A cell of the heatmap API: x, y in percent of the viewport, and its clicks. */
export interface HeatPoint {
  x: number;
  y: number;
  count: number;
}

/** Intensity per grid cell, 0 to 1 (1 at the hottest spot); `cellPx` canvas pixels per cell side. */
export interface IntensityGrid {
  cols: number;
  rows: number;
  cellPx: number;
  values: Float32Array;
}

/** How far a click's heat reaches, as a share of the drawing's shorter side. */
export const HEAT_RADIUS_SHARE = 0.045;
/** Grid cells are this many canvas pixels square (a 2 x coarser grid is 4 x less work, and looks the same). */
const CELL_PX = 2;
/** Most opaque the hottest spot is, so the page stays readable under it. */
const MAX_ALPHA = 0.85;

/** Palette stops from cold to hot: [intensity, r, g, b]. */
const PALETTE: ReadonlyArray<readonly [number, number, number, number]> = [
  [0, 37, 99, 235],
  [0.35, 6, 182, 212],
  [0.55, 34, 197, 94],
  [0.75, 234, 179, 8],
  [1, 220, 38, 38],
];

/** Sums each point's radial falloff ((1 - d/r)², count-weighted) over the grid, then scales the peak to 1. */
export function computeIntensityGrid(points: readonly HeatPoint[], width: number, height: number): IntensityGrid {
  const cols = Math.max(1, Math.ceil(width / CELL_PX));
  const rows = Math.max(1, Math.ceil(height / CELL_PX));
  const values = new Float32Array(cols * rows);
  const radius = Math.max(2, Math.min(width, height) * HEAT_RADIUS_SHARE) / CELL_PX;
  for (const p of points) {
    const cx = ((p.x / 100) * width) / CELL_PX;
    const cy = ((p.y / 100) * height) / CELL_PX;
    const minCol = Math.max(0, Math.floor(cx - radius));
    const maxCol = Math.min(cols - 1, Math.ceil(cx + radius));
    const minRow = Math.max(0, Math.floor(cy - radius));
    const maxRow = Math.min(rows - 1, Math.ceil(cy + radius));
    for (let row = minRow; row <= maxRow; row++) {
      for (let col = minCol; col <= maxCol; col++) {
        const d = Math.hypot(col + 0.5 - cx, row + 0.5 - cy);
        if (d >= radius) continue;
        const falloff = 1 - d / radius;
        values[row * cols + col] += p.count * falloff * falloff;
      }
    }
  }
  let peak = 0;
  for (const v of values) if (v > peak) peak = v;
  if (peak > 0) for (let i = 0; i < values.length; i++) values[i] /= peak;
  return { cols, rows, cellPx: CELL_PX, values };
}

/** The colour and opacity of an intensity (0 to 1): transparent at 0, the palette's hot end at 1. */
export function colorOf(intensity: number): [r: number, g: number, b: number, a: number] {
  const t = Math.min(1, Math.max(0, intensity));
  if (t === 0) return [0, 0, 0, 0];
  let i = 1;
  while (i < PALETTE.length - 1 && (PALETTE[i]?.[0] ?? 1) < t) i++;
  const lo = PALETTE[i - 1] ?? PALETTE[0];
  const hi = PALETTE[i] ?? lo;
  const share = lo && hi && hi[0] > lo[0] ? (t - lo[0]) / (hi[0] - lo[0]) : 0;
  const mix = (k: 1 | 2 | 3) => Math.round((lo?.[k] ?? 0) + ((hi?.[k] ?? 0) - (lo?.[k] ?? 0)) * share);
  // Faint heat fades out instead of ending in a hard edge.
  return [mix(1), mix(2), mix(3), Math.round(255 * MAX_ALPHA * Math.min(1, t * 2.5))];
}

/** RGBA pixels as a canvas hands them out. */
export interface Pixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** Paints a grid into pixels of the drawing's size. */
export function paintGrid(grid: IntensityGrid, pixels: Pixels): void {
  for (let y = 0; y < pixels.height; y++) {
    const row = Math.min(grid.rows - 1, Math.floor(y / grid.cellPx));
    for (let x = 0; x < pixels.width; x++) {
      const col = Math.min(grid.cols - 1, Math.floor(x / grid.cellPx));
      const [r, g, b, a] = colorOf(grid.values[row * grid.cols + col] ?? 0);
      const at = (y * pixels.width + x) * 4;
      pixels.data[at] = r;
      pixels.data[at + 1] = g;
      pixels.data[at + 2] = b;
      pixels.data[at + 3] = a;
    }
  }
}

/** The part of a canvas context the drawing needs. */
export type PixelContext = {
  createImageData(width: number, height: number): Pixels;
  putImageData(image: Pixels, dx: number, dy: number): void;
};

/** Where a viewport of `vw` x `vh` shows inside a frame of `fw` x `fh`, scaled to fit and centred (as rrweb-player does). */
export function fitViewport(fw: number, fh: number, vw: number, vh: number) {
  const scale = vw > 0 && vh > 0 ? Math.min(fw / vw, fh / vh) : 1;
  const width = Math.round(vw * scale);
  const height = Math.round(vh * scale);
  return { left: Math.round((fw - width) / 2), top: Math.round((fh - height) / 2), width, height };
}

/** Draws the heatmap of `points` into a `width` x `height` area of `ctx` at (left, top). */
export function drawHeatmap(ctx: PixelContext, points: readonly HeatPoint[], area: { left: number; top: number; width: number; height: number }): void {
  if (area.width <= 0 || area.height <= 0) return;
  const pixels = ctx.createImageData(area.width, area.height);
  paintGrid(computeIntensityGrid(points, area.width, area.height), pixels);
  ctx.putImageData(pixels, area.left, area.top);
}

/** The legend's colour stops, cold to hot, as CSS colours (for a linear gradient beside the map). */
export function legendStops(): string[] {
  return PALETTE.map(([t]) => {
    const [r, g, b] = colorOf(Math.max(t, 0.01));
    return `rgb(${r}, ${g}, ${b})`;
  });
}
