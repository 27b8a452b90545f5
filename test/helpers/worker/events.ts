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

/**
 * rrweb-shaped events for one chunk spanning [start, start + spanMs]; a checkout chunk begins with
 * Meta + FullSnapshot, whose text node holds `text` (to look for it in stored bytes).
 */
export function chunkEvents(start: number, spanMs: number, opts: { checkout?: boolean; text?: string } = {}) {
  const events: Array<Record<string, unknown>> = [];
  if (opts.checkout) {
    events.push({ type: 4, data: { href: "https://app.example.com/page", width: 1280, height: 720 }, timestamp: start });
    events.push({
      type: 2,
      data: { node: { type: 0, id: 1, childNodes: [{ type: 3, id: 2, textContent: opts.text ?? "hello" }] }, initialOffset: { top: 0, left: 0 } },
      timestamp: start,
    });
  }
  events.push({ type: 3, data: { source: 2, type: 2, id: 2, x: 10, y: 20 }, timestamp: start + Math.floor(spanMs / 2) });
  events.push({ type: 3, data: { source: 3, id: 1, x: 0, y: 100 }, timestamp: start + spanMs });
  return events;
}
