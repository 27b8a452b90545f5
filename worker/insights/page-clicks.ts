/** Where the page is: its heatmap URL and the viewport's size, from the latest Meta or resize. */
export interface PageView {
  url: string | null;
  width: number;
  height: number;
}

/** One click for the heatmap: the page, where in percent of the viewport, and when. */
export interface HeatmapClick {
  url: string;
  /** 0 to 100: percent of the viewport's width. */
  x: number;
  /** 0 to 100: percent of the viewport's height. */
  y: number;
  at: number;
}

function toPercent(value: number, size: number): number {
  return Math.min(100, Math.max(0, (value / size) * 100));
}

/** A click at CSS pixels (x, y) as a heatmap click, or null while the page or its size is unknown. */
export function toHeatmapClick(page: PageView, x: number, y: number, at: number): HeatmapClick | null {
  if (!page.url || page.width <= 0 || page.height <= 0) return null;
  return { url: page.url, x: toPercent(x, page.width), y: toPercent(y, page.height), at };
}
