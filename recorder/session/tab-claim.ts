import { isRecord } from "../privacy/records";
import { createUuid } from "./uuid";

/** BroadcastChannel shared by the recorder's tabs of one origin. */
const CHANNEL_NAME = "edge-replay:sessions";

interface ClaimMessage {
  kind: "ask" | "owned";
  sessionId: string;
  tab: string;
  /** When the sending tab started recording; the earlier tab keeps the session. */
  since: number;
}

function isClaimMessage(v: unknown): v is ClaimMessage {
  return isRecord(v) && (v.kind === "ask" || v.kind === "owned") && typeof v.sessionId === "string" && typeof v.tab === "string" && typeof v.since === "number";
}

/**
 * Keeps a session to one tab. A duplicated tab inherits sessionStorage, session id and seq counter
 * included, and two tabs numbering one session's chunks would collide on seqs (the server keeps
 * the first of each, so one tab's recording would be lost). On start a tab asks the origin's other
 * tabs whether one already records its session; an answer from an older tab means this one is
 * the copy, and `onDuplicate` starts a session of its own. Returns a function that closes the channel.
 */
export function claimSession(currentSessionId: () => string, onDuplicate: () => void): () => void {
  if (typeof BroadcastChannel !== "function") return () => {};
  const tab = createUuid();
  const since = Date.now();
  const channel = new BroadcastChannel(CHANNEL_NAME);
  const older = (m: ClaimMessage) => since < m.since || (since === m.since && tab < m.tab);
  channel.onmessage = (event: MessageEvent) => {
    const m: unknown = event.data;
    if (!isClaimMessage(m) || m.tab === tab || m.sessionId !== currentSessionId()) return;
    if (m.kind === "ask" && older(m)) channel.postMessage({ kind: "owned", sessionId: m.sessionId, tab, since } satisfies ClaimMessage);
    else if (m.kind === "owned" && !older(m)) onDuplicate();
  };
  channel.postMessage({ kind: "ask", sessionId: currentSessionId(), tab, since } satisfies ClaimMessage);
  return () => channel.close();
}
