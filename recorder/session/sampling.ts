import { SAMPLED_STORAGE_KEY } from "../constants";

/**
 * Whether this tab is recorded at `rate` (0 to 1). Decided once per tab and kept in
 * sessionStorage, so a sampled-out tab stays out across reloads instead of recording fragments.
 */
export function isSampledIn(storage: Storage | null, rate: number, random: () => number = Math.random): boolean {
  if (rate >= 1) return true;
  if (rate <= 0) return false;
  try {
    const kept = storage?.getItem(SAMPLED_STORAGE_KEY);
    if (kept === "1" || kept === "0") return kept === "1";
  } catch {
    // Blocked storage: decide for this page only.
  }
  const decision = random() < rate;
  try {
    storage?.setItem(SAMPLED_STORAGE_KEY, decision ? "1" : "0");
  } catch {
    // As above.
  }
  return decision;
}
