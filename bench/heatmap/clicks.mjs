// 100,000 clicks on one page as a month of real traffic would leave them: spread over 30 days,
// three devices, most clicks on a few targets (buttons, links) and the rest anywhere, so the
// heatmap has hot cells and a long tail across most of the page's 2,500 cells.

export const DAY_MS = 86_400_000;
/** The clicks' span: a month, the widest range the benchmark asks for. */
export const DAYS = 30;
/** Share of clicks on a target; the rest land uniformly. */
const ON_TARGET = 0.8;
/** Targets as [x, y, spread] in percent of the viewport. */
// biome-ignore format: a table, one target per cell
const TARGETS = [[12, 6, 2], [50, 6, 6], [88, 6, 2], [30, 40, 5], [70, 40, 5], [50, 70, 3], [20, 85, 8], [80, 85, 8]];
/** Device names and their shares of the clicks. */
export const DEVICE_SHARES = [
  ["desktop", 0.6],
  ["mobile", 0.3],
  ["tablet", 0.1],
];

/** A standard normal deviate (Box–Muller) from a uniform source. */
function normal(random) {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

const clamp = (v) => Math.min(100, Math.max(0, v));

/**
 * `count` clicks on `url` in the DAYS before `end`, oldest first, as HeatmapClickRow
 * (worker/db/heatmap-queries.ts): `random` a seeded source, `deviceCode` the product's device codec.
 */
export function monthOfClicks({ url, count, end, random, deviceCode }) {
  const clicks = [];
  for (let i = 0; i < count; i++) {
    let pick = random();
    const [device] = DEVICE_SHARES.find(([, share]) => (pick -= share) < 0) ?? DEVICE_SHARES[0];
    let x = random() * 100;
    let y = random() * 100;
    if (random() < ON_TARGET) {
      const [tx, ty, s] = TARGETS[Math.floor(random() * TARGETS.length)];
      x = clamp(tx + normal(random) * s);
      y = clamp(ty + normal(random) * s);
    }
    clicks.push({ sessionId: `bench-heatmap-${Math.floor(i / 500)}`, url, x, y, at: Math.floor(end - random() * DAYS * DAY_MS), device: deviceCode(device) });
  }
  return clicks.sort((a, b) => a.at - b.at);
}
