import { describe, expect, it } from "vitest";
import { SESSION_IDLE_MS, SESSION_STORAGE_KEY } from "../../../../recorder/constants.ts";
import { createSession, isSessionExpired, loadSession, saveSession } from "../../../../recorder/session/session.ts";
import { isSessionId } from "../../../../protocol/session-id.ts";
import { MemoryStorage } from "../../../helpers/recorder/memory-storage.ts";

const NOW = 1_767_225_600_000;

describe("session", () => {
  it("starts at seq 0 with a canonical session id", () => {
    const s = createSession(NOW);
    expect(isSessionId(s.id)).toBe(true);
    expect(s).toMatchObject({ nextSeq: 0, lastActivity: NOW });
  });

  it("expires only after SESSION_IDLE_MS without interaction", () => {
    const s = createSession(NOW);
    expect(isSessionExpired(s, NOW + SESSION_IDLE_MS)).toBe(false);
    expect(isSessionExpired(s, NOW + SESSION_IDLE_MS + 1)).toBe(true);
  });

  it("survives a reload while fresh, and is replaced once idle", () => {
    const storage = new MemoryStorage();
    const s = { ...createSession(NOW), nextSeq: 7 };
    saveSession(storage, s);
    expect(loadSession(storage, NOW + SESSION_IDLE_MS)).toEqual(s);
    const next = loadSession(storage, NOW + SESSION_IDLE_MS + 1);
    expect(next.id).not.toBe(s.id);
    expect(next.nextSeq).toBe(0);
  });

  it("starts a new session over anything it cannot trust", () => {
    const storage = new MemoryStorage();
    for (const raw of [
      "{",
      "null",
      JSON.stringify({ id: "not-a-uuid", nextSeq: 1, lastActivity: NOW }),
      JSON.stringify({ id: createSession(NOW).id, nextSeq: -1, lastActivity: NOW }),
      JSON.stringify({ id: createSession(NOW).id, nextSeq: 1.5, lastActivity: NOW }),
    ]) {
      storage.setItem(SESSION_STORAGE_KEY, raw);
      expect(loadSession(storage, NOW).nextSeq).toBe(0);
    }
  });

  it("works without storage (the session then lasts as long as the page)", () => {
    const blocked = new MemoryStorage();
    blocked.blocked = true;
    expect(() => saveSession(blocked, createSession(NOW))).not.toThrow();
    expect(loadSession(blocked, NOW).nextSeq).toBe(0);
    expect(loadSession(null, NOW).nextSeq).toBe(0);
  });
});
