// Medians and spreads over repetitions, and ratios paired by round (interleaved runs of one round
// share the machine's state, so a ratio within a round is steadier than a ratio of medians).

/** Median of numbers (NaN for none). */
export function median(xs) {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/** { median, min, max, n } of numbers. */
export function spread(xs) {
  const s = xs.filter(Number.isFinite);
  return { median: median(s), min: Math.min(...s), max: Math.max(...s), n: s.length };
}

/** "1.23 (1.01–1.50)" or "1.23" for a single value, with `digits` decimals; "–" for nothing. */
export function formatSpread(sp, digits = 2) {
  if (!sp?.n) return "–";
  const f = (x) => x.toFixed(digits);
  return sp.n > 1 && sp.min !== sp.max ? `${f(sp.median)} (${f(sp.min)}–${f(sp.max)})` : f(sp.median);
}

/** Per-round ratios a[i] / b[i], skipping rounds where either is missing or b is not positive. */
export function pairedRatios(a, b) {
  const out = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (Number.isFinite(a[i]) && Number.isFinite(b[i]) && b[i] > 0) out.push(a[i] / b[i]);
  return out;
}
