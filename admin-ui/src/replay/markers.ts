import { dataOf, isRecord, type ReplayEvent, EventType, IncrementalSource, MouseInteractions, NodeType } from "./events";

/** What an entry of the event list / a timeline marker stands for. */
export type MarkerKind = "click" | "input" | "navigation" | "gap" | "rage_click" | "dead_click";

/** One entry of the event list and one marker on the timeline. */
export interface Marker {
  kind: MarkerKind;
  /** Epoch ms of the event (for a gap: where it starts). */
  at: number;
  /** For a gap: where it ends. */
  until?: number;
  label: string;
}

/** Typing makes one input event per keystroke; those on one field within this long are one entry. */
const INPUT_MERGE_MS = 1_500;
const LABEL_MAX_CHARS = 60;

/**
 * Short human names for recorded nodes ("button “Save”", "input#email"), learnt from full snapshots
 * and added nodes. Text comes from the recording (already masked by the recorder) and is only ever
 * rendered as text, never as HTML.
 */
export class NodeNames {
  private names = new Map<number, string>();

  /** Learns the nodes of a full snapshot or the nodes a mutation added. */
  learn(e: ReplayEvent) {
    const data = dataOf(e);
    if (e.type === EventType.FullSnapshot) this.walk(data.node);
    else if (e.type === EventType.IncrementalSnapshot && data.source === IncrementalSource.Mutation && Array.isArray(data.adds)) {
      for (const add of data.adds) if (isRecord(add)) this.walk(add.node);
    }
  }

  /** The name of node `id`, or "node #id" if it was never seen. */
  name(id: unknown): string {
    return (typeof id === "number" && this.names.get(id)) || `node #${String(id)}`;
  }

  private walk(root: unknown) {
    // Iterative: a deep DOM must not blow the stack.
    const stack: unknown[] = [root];
    while (stack.length) {
      const n = stack.pop();
      if (!isRecord(n)) continue;
      if (typeof n.id === "number" && n.type === NodeType.Element && typeof n.tagName === "string") this.names.set(n.id, describeElement(n));
      if (Array.isArray(n.childNodes)) for (const c of n.childNodes) stack.push(c);
    }
  }
}

function describeElement(n: Record<string, unknown>): string {
  const attrs = isRecord(n.attributes) ? n.attributes : {};
  let name = String(n.tagName).toLowerCase();
  if (typeof attrs.id === "string" && attrs.id) name += `#${attrs.id}`;
  else if (typeof attrs.name === "string" && attrs.name) name += `[name=${attrs.name}]`;
  const text = firstText(n);
  const hint =
    text ||
    (typeof attrs["aria-label"] === "string" ? attrs["aria-label"] : "") ||
    (typeof attrs.value === "string" && attrs.type === "submit" ? attrs.value : "");
  return hint ? `${name} “${truncate(hint)}”` : name;
}

function firstText(n: Record<string, unknown>): string {
  const stack: unknown[] = Array.isArray(n.childNodes) ? [...n.childNodes].reverse() : [];
  let seen = 0;
  while (stack.length && seen++ < 50) {
    const c = stack.pop();
    if (!isRecord(c)) continue;
    if (c.type === NodeType.Text && typeof c.textContent === "string" && c.textContent.trim()) return c.textContent.trim().replace(/\s+/g, " ");
    if (Array.isArray(c.childNodes)) for (const g of [...c.childNodes].reverse()) stack.push(g);
  }
  return "";
}

function truncate(s: string): string {
  return s.length > LABEL_MAX_CHARS ? `${s.slice(0, LABEL_MAX_CHARS - 1)}…` : s;
}

/** Path of a URL for labels; the raw string if it does not parse. Never turned into a link. */
function urlLabel(href: string): string {
  try {
    const u = new URL(href);
    return truncate(u.protocol === "http:" || u.protocol === "https:" ? u.host + u.pathname + u.search : href);
  } catch {
    return truncate(href);
  }
}

/**
 * Turns events (appended in time order, chunk by chunk) into markers. Stateful so a streamed
 * session is processed once per event, not re-scanned on every chunk.
 */
export class MarkerBuilder {
  readonly names = new NodeNames();
  private lastInput: { id: unknown; at: number; marker: Marker } | null = null;

  /** Markers for `events`; merges keystrokes into the previous input marker when they belong to it. */
  add(events: ReplayEvent[]): Marker[] {
    const out: Marker[] = [];
    for (const e of events) {
      this.names.learn(e);
      const data = dataOf(e);
      if (e.type === EventType.Meta && typeof data.href === "string") {
        out.push({ kind: "navigation", at: e.timestamp, label: urlLabel(data.href) });
      } else if (e.type === EventType.Custom && data.tag === "navigation" && isRecord(data.payload) && typeof data.payload.href === "string") {
        // A same-document navigation (pushState, back/forward, a hash change): the recorder's own event, no new Meta.
        out.push({ kind: "navigation", at: e.timestamp, label: urlLabel(data.payload.href) });
      } else if (
        e.type === EventType.IncrementalSnapshot &&
        data.source === IncrementalSource.MouseInteraction &&
        (data.type === MouseInteractions.Click || data.type === MouseInteractions.DblClick)
      ) {
        out.push({
          kind: "click",
          at: e.timestamp,
          label: `${data.type === MouseInteractions.DblClick ? "Double-click" : "Click"} on ${this.names.name(data.id)}`,
        });
      } else if (e.type === EventType.IncrementalSnapshot && data.source === IncrementalSource.Input) {
        const last = this.lastInput;
        if (last && last.id === data.id && e.timestamp - last.at < INPUT_MERGE_MS) {
          last.at = e.timestamp;
          continue;
        }
        const marker: Marker = { kind: "input", at: e.timestamp, label: `Input in ${this.names.name(data.id)}` };
        this.lastInput = { id: data.id, at: e.timestamp, marker };
        out.push(marker);
      }
    }
    return out;
  }
}
