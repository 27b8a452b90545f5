import { isSessionId } from "../../protocol/session-id";
import { SESSION_IDLE_MS, SESSION_STORAGE_KEY } from "../constants";
import { isRecord } from "../privacy/records";
import { createUuid } from "./uuid";

/** One tab's recording session: kept in sessionStorage so it survives reloads and same-tab navigations. */
export interface SessionState {
  id: string;
  /** The next chunk number; a number once handed out is never reused. */
  nextSeq: number;
  /** Last user interaction (ms since epoch). */
  lastActivity: number;
}

function isSessionState(v: unknown): v is SessionState {
  return isRecord(v) && isSessionId(v.id) && Number.isInteger(v.nextSeq) && (v.nextSeq as number) >= 0 && typeof v.lastActivity === "number";
}

/** A fresh session starting at seq 0. */
export function createSession(now: number): SessionState {
  return { id: createUuid(), nextSeq: 0, lastActivity: now };
}

/** Whether the session has seen no interaction for SESSION_IDLE_MS. */
export function isSessionExpired(session: SessionState, now: number): boolean {
  return now - session.lastActivity > SESSION_IDLE_MS;
}

/** Reads this tab's session, or starts a new one when there is none or it went idle. */
export function loadSession(storage: Storage | null, now: number): SessionState {
  try {
    const raw = storage?.getItem(SESSION_STORAGE_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (isSessionState(parsed) && !isSessionExpired(parsed, now)) return parsed;
  } catch {
    // Unreadable or blocked storage: a new session is the safe answer.
  }
  return createSession(now);
}

/** Writes the session back (synchronously, so a seq handed out is on record before its chunk leaves). */
export function saveSession(storage: Storage | null, session: SessionState): void {
  try {
    storage?.setItem(SESSION_STORAGE_KEY, JSON.stringify(session));
  } catch {
    // Quota or privacy mode: the session then lasts as long as the page.
  }
}
