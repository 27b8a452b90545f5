import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { database } from "../../../worker/db/client";
import { recordAudit, type AuditEntry } from "../../../worker/audit/record-audit";
import { describeEntry, listAudit } from "../../helpers/worker/audit";
import { newSessionId } from "../../helpers/worker/events";

const entry = (sessionId: string, over: Partial<AuditEntry> = {}): AuditEntry => ({
  action: "share_opened",
  actorType: "share_link",
  actor: "share-1",
  sessionId,
  at: Date.now(),
  ...over,
});

describe("recordAudit", () => {
  it("stores many entries in one call (more than one statement's worth of parameters)", async () => {
    const sessionId = newSessionId();
    await recordAudit(
      database(env.DB),
      Array.from({ length: 40 }, (_, i) => entry(sessionId, { at: Date.now() - i })),
    );
    const { entries } = await listAudit({ sessionId });
    expect(entries).toHaveLength(40);
    expect(describeEntry(entries[0])).toEqual({ action: "share_opened", actorType: "share_link", actor: "share-1", sessionId });
    const row = await env.DB.prepare("SELECT actor_type, action FROM audit_log WHERE session_id = ? LIMIT 1").bind(sessionId).first();
    expect(row).toEqual({ actor_type: 3, action: 6 });
  });

  it("refuses an unknown action or actor type and stores nothing of that call", async () => {
    const sessionId = newSessionId();
    const db = database(env.DB);
    // Casts stand for a caller outside the type system (the values come from a wider type at runtime).
    await expect(recordAudit(db, [entry(sessionId), entry(sessionId, { action: "session_stolen" as AuditEntry["action"] })])).rejects.toThrow(RangeError);
    await expect(recordAudit(db, [entry(sessionId, { actorType: "robot" as AuditEntry["actorType"] })])).rejects.toThrow(RangeError);
    expect((await listAudit({ sessionId })).entries).toEqual([]);
  });

  it("is backed by CHECK constraints: D1 refuses a code no enum has (audit log and sessions.device)", async () => {
    const insert = (actorType: number, action: number) =>
      env.DB.prepare("INSERT INTO audit_log (id, at, actor, actor_type, action, session_id) VALUES (?, ?, NULL, ?, ?, NULL)")
        .bind(crypto.randomUUID(), Date.now(), actorType, action)
        .run();
    await expect(insert(4, 9)).rejects.toThrow(/CHECK/);
    await expect(insert(5, 1)).rejects.toThrow(/CHECK/);
    await expect(insert(-1, 1)).rejects.toThrow(/CHECK/);
    const session = (device: number) =>
      env.DB.prepare("INSERT INTO sessions (id, user_id, storage_key, created_at, device) VALUES (?, 'u', 'k', 0, ?)").bind(newSessionId(), device).run();
    await expect(session(4)).rejects.toThrow(/CHECK/);
    await expect(session(3)).resolves.toBeDefined();
  });
});
