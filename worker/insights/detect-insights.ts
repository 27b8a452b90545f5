import { readEvent, type EventMeaning, type InsightEvent } from "./insight-events";
import { toPageUrl } from "../../protocol/page-url";
import { toHeatmapClick, type HeatmapClick, type PageView } from "./page-clicks";
import { addFlatValue, addSubtree, applyMutation, expectsAnswer, findOwner, isEmptyMutation, labelOf, type TrackedNodes } from "./tracked-nodes";

/** What makes a burst of clicks a rage click (contract §12). */
export const RAGE_CLICK = {
  /** The next click of a burst must come within this long of the previous… */
  GAP_MS: 1_000,
  /** …and within this many CSS pixels of it. */
  RADIUS_PX: 30,
  /** Clicks in a burst for it to be a rage click. */
  MIN_CLICKS: 3,
} as const;
/** A click on a link or button the page does not answer within this long is dead. */
export const DEAD_CLICK_WAIT_MS = 2_500;

/** A frustration signal decided from the events (contract §12). */
export interface Insight {
  type: "rage_click" | "dead_click";
  /** The click's time (a rage click's first click). */
  at: number;
  /** CSS pixels of the viewport. */
  x: number;
  y: number;
  /** "button 'Pay'", or null when the clicked node is not a tracked element. */
  label: string | null;
  /** Clicks in the burst (1 for a dead click). */
  clicks: number;
}

interface PendingClick extends Pick<Insight, "at" | "x" | "y" | "label"> {
  /** On a link or button: dead unless the page answers in time. */
  awaitsAnswer: boolean;
}

/** What detection carries from one chunk to the next; plain JSON, so the session's object can store it. */
export interface InsightState {
  page: PageView;
  nodes: TrackedNodes;
  /** The clicks of the burst still open (the next click may join it). */
  burst: PendingClick[];
  /** Clicks on links and buttons, closed bursts of fewer than 3, still waiting for an answer or the timeout. */
  waiting: PendingClick[];
}

/** The state before a session's first chunk. */
export function startInsights(): InsightState {
  return { page: { url: null, width: 0, height: 0 }, nodes: {}, burst: [], waiting: [] };
}

/** What one chunk decided. */
export interface InsightResult {
  insights: Insight[];
  clicks: HeatmapClick[];
  state: InsightState;
}

function toInsight(type: Insight["type"], first: PendingClick, clicks: number): Insight {
  return { type, at: first.at, x: first.x, y: first.y, label: first.label, clicks };
}

/**
 * Whether an event is the page answering a click: a navigation, a route change (the page
 * re-renders anyway), a DOM change, an input, a scroll or a visible style change. The digest
 * (insight-digest.ts) relies on the same rule.
 */
export function answersPage(meaning: EventMeaning): boolean {
  switch (meaning.kind) {
    case "response":
    case "navigation":
    case "route":
      return true;
    case "mutation":
      return !isEmptyMutation(meaning.data);
    default:
      return false;
  }
}

class Detector {
  readonly insights: Insight[] = [];
  readonly clicks: HeatmapClick[] = [];

  constructor(readonly state: InsightState) {}

  /** Closes the open burst: 3 or more clicks are one rage click, fewer go on waiting as single clicks. */
  closeBurst(): void {
    const burst = this.state.burst;
    this.state.burst = [];
    const [first] = burst;
    if (!first) return;
    if (burst.length >= RAGE_CLICK.MIN_CLICKS) this.insights.push(toInsight("rage_click", first, burst.length));
    else this.state.waiting.push(...burst.filter((c) => c.awaitsAnswer));
  }

  /** Decides what time `now` settles: a burst nobody can join any more, clicks whose wait is over. */
  advance(now: number): void {
    const last = this.state.burst[this.state.burst.length - 1];
    if (last && now - last.at > RAGE_CLICK.GAP_MS) this.closeBurst();
    const still: PendingClick[] = [];
    for (const c of this.state.waiting) {
      if (now - c.at > DEAD_CLICK_WAIT_MS) this.insights.push(toInsight("dead_click", c, 1));
      else still.push(c);
    }
    this.state.waiting = still;
  }

  /** The page answered: every click waiting, and those of the open burst, were not dead. */
  answer(): void {
    this.state.waiting = [];
    for (const c of this.state.burst) c.awaitsAnswer = false;
  }

  click(id: number, x: number, y: number, at: number): void {
    const el = findOwner(this.state.nodes, id);
    const click: PendingClick = { at, x, y, label: el ? labelOf(el) : null, awaitsAnswer: el ? expectsAnswer(el) : false };
    const last = this.state.burst[this.state.burst.length - 1];
    if (last && Math.hypot(x - last.x, y - last.y) > RAGE_CLICK.RADIUS_PX) this.closeBurst();
    this.state.burst.push(click);
    const heat = toHeatmapClick(this.state.page, x, y, at);
    if (heat) this.clicks.push(heat);
  }

  read(event: InsightEvent): void {
    this.advance(event.timestamp);
    const meaning = readEvent(event);
    switch (meaning.kind) {
      case "click":
        return this.click(meaning.id, meaning.x, meaning.y, event.timestamp);
      case "navigation":
        this.state.page = { url: toPageUrl(meaning.href), width: meaning.width, height: meaning.height };
        break;
      case "route":
        // rrweb sends no Meta for pushState: the recorder's navigation event names the page.
        this.state.page = { ...this.state.page, url: toPageUrl(meaning.href) };
        break;
      case "resize":
        this.state.page = { ...this.state.page, width: meaning.width, height: meaning.height };
        return;
      case "snapshot":
        this.state.nodes = {};
        addSubtree(this.state.nodes, meaning.node, null);
        addFlatValue(this.state.nodes, meaning.flatNodes);
        return;
      case "mutation":
        // An empty one changes nothing, and answers nothing (answersPage).
        applyMutation(this.state.nodes, meaning.data);
        break;
    }
    if (answersPage(meaning)) this.answer();
  }
}

/**
 * Reads one chunk's events (in time order, each chunk once, in seq order) after the state the
 * previous chunk left: returns the insights they decide, the clicks for the heatmap and the new
 * state. A click in the chunk's last 2,500 ms, or a burst that may go on, stays in the state.
 * Pure: no I/O, the state passed in is not changed.
 */
export function detectInsights(events: readonly InsightEvent[], previous: InsightState): InsightResult {
  const state = structuredClone(previous);
  return { ...detectInsightsInto(events, state), state };
}

/**
 * detectInsights reading into `state` itself, for a caller that owns it (the session's object,
 * which writes the state right after): no copy of the node map per chunk.
 */
export function detectInsightsInto(events: readonly InsightEvent[], state: InsightState): Omit<InsightResult, "state"> {
  const detector = new Detector(state);
  for (const event of events) detector.read(event);
  return { insights: detector.insights.sort((a, b) => a.at - b.at), clicks: detector.clicks };
}

/** The session ended: an open burst is decided, and every click still waiting got no answer, so it was dead. */
export function finishInsights(previous: InsightState): Insight[] {
  const detector = new Detector(structuredClone(previous));
  detector.closeBurst();
  detector.advance(Number.POSITIVE_INFINITY);
  return detector.insights.sort((a, b) => a.at - b.at);
}
