import { describe, expect, it } from "vitest";
import { colorOf, computeIntensityGrid, drawHeatmap, fitViewport, type Pixels } from "../../../../admin-ui/src/heatmaps/draw-heatmap.ts";

/** A canvas context substitute: the two ImageData calls, with the pixels kept to read back. */
function pixelContext(width: number, height: number) {
  const canvas: Pixels = { width, height, data: new Uint8ClampedArray(width * height * 4) };
  return {
    canvas,
    createImageData: (w: number, h: number): Pixels => ({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4) }),
    putImageData(image: Pixels, dx: number, dy: number) {
      for (let y = 0; y < image.height; y++)
        for (let x = 0; x < image.width; x++)
          for (let k = 0; k < 4; k++) canvas.data[((y + dy) * width + x + dx) * 4 + k] = image.data[(y * image.width + x) * 4 + k] ?? 0;
    },
  };
}

const pixelAt = (p: Pixels, x: number, y: number) => Array.from(p.data.slice((y * p.width + x) * 4, (y * p.width + x) * 4 + 4));

describe("computeIntensityGrid", () => {
  it("peaks at 1 on the most clicked spot, scales others by their counts, and is 0 away from every click", () => {
    const grid = computeIntensityGrid(
      [
        { x: 25, y: 50, count: 10 },
        { x: 75, y: 50, count: 5 },
      ],
      400,
      200,
    );
    const at = (px: number, py: number) => grid.values[Math.floor(py / grid.cellPx) * grid.cols + Math.floor(px / grid.cellPx)] ?? -1;
    expect(Math.max(...grid.values)).toBeCloseTo(1, 5);
    expect(at(100, 100)).toBeGreaterThan(0.9);
    expect(at(300, 100)).toBeGreaterThan(0.4);
    expect(at(300, 100)).toBeLessThan(0.55);
    expect(at(200, 10)).toBe(0);
  });

  it("is all zero without clicks", () => {
    expect(computeIntensityGrid([], 50, 50).values.every((v) => v === 0)).toBe(true);
  });
});

describe("drawHeatmap", () => {
  it("paints hot, opaque pixels at the clicks and leaves the rest transparent, inside the viewport's area only", () => {
    const ctx = pixelContext(300, 200);
    const area = fitViewport(300, 200, 1000, 500);
    expect(area).toEqual({ left: 0, top: 25, width: 300, height: 150 });
    drawHeatmap(ctx, [{ x: 50, y: 50, count: 3 }], area);
    const [r, g, b, a] = pixelAt(ctx.canvas, 150, 100);
    expect(a).toBeGreaterThan(200);
    expect(r).toBeGreaterThan(g);
    expect(r).toBeGreaterThan(b);
    expect(pixelAt(ctx.canvas, 10, 100)[3]).toBe(0);
    // Above the viewport's area (the letterbox) nothing is drawn.
    expect(pixelAt(ctx.canvas, 150, 10)).toEqual([0, 0, 0, 0]);
  });

  it("shades from cold (blue) to hot (red)", () => {
    const [coldR, , coldB] = colorOf(0.05);
    const [hotR, , hotB] = colorOf(1);
    expect(coldB).toBeGreaterThan(coldR);
    expect(hotR).toBeGreaterThan(hotB);
    expect(colorOf(0)[3]).toBe(0);
  });
});
