/**
 * Sets `key` in a per-isolate cache of at most `max` entries: when full, the oldest entry goes
 * first (a Map iterates in insertion order). Caches of client-given keys stay bounded this way.
 */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  if (!map.has(key) && map.size >= max) {
    const oldest = map.keys().next();
    if (!oldest.done) map.delete(oldest.value);
  }
  map.set(key, value);
}
