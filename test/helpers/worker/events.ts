/** rrweb-shaped events for uploads: Meta + FullSnapshot, then incremental mouse moves. */

/** Fixed base time (2026-01-01) so tests never depend on the wall clock for event times. */
export const T0 = 1_767_225_600_000;

/** A minimal but valid rrweb FullSnapshot payload. */
export function fullSnapshotData() {
  return {
    node: { type: 0, id: 1, childNodes: [{ type: 2, id: 2, tagName: "html", attributes: {}, childNodes: [] }] },
    initialOffset: { top: 0, left: 0 },
  };
}

/**
 * `count` events starting at `start`, one per `stepMs`. With `fullSnapshot` (the default) the
 * chunk begins Meta, FullSnapshot as rrweb emits at each checkout.
 */
export function makeEvents(count: number, opts: { start?: number; stepMs?: number; fullSnapshot?: boolean } = {}): Record<string, unknown>[] {
  const start = opts.start ?? T0;
  const step = opts.stepMs ?? 100;
  const full = opts.fullSnapshot ?? true;
  const events: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const timestamp = start + i * step;
    if (full && i === 0) events.push({ type: 4, data: { href: "https://app.example.com/page", width: 1280, height: 720 }, timestamp });
    else if (full && i === 1) events.push({ type: 2, data: fullSnapshotData(), timestamp });
    else events.push({ type: 3, data: { source: 1, positions: [{ x: i, y: i, id: 2, timeOffset: 0 }] }, timestamp });
  }
  return events;
}

/** A fresh session id (the recorder uses crypto.randomUUID too). */
export function newSessionId(): string {
  return crypto.randomUUID();
}
