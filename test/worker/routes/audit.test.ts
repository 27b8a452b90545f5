import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { database } from "../../../worker/db/client";
import { recordAudit, type AuditEntry } from "../../../worker/audit/record-audit";
import { oneSession, shredSessions } from "../../../worker/db/erasure-queries";
import { finishErasures } from "../../../worker/lifecycle/erase";
import { mintToken } from "../../helpers/tokens";
import { adminRequest, adminToken } from "../../helpers/worker/admin";
import { describeEntry, listAudit, sessionAudit, type AuditPage } from "../../helpers/worker/audit";
import { runCron } from "../../helpers/worker/cron";
import { call, callAs, expectError } from "../../helpers/worker/http";
import { newSessionId } from "../../helpers/worker/events";
import { ticketFor, upgrade, watchSession } from "../../helpers/worker/live";
import { seedSession } from "../../helpers/worker/seed";
import { DAY_MS, MINUTE_MS } from "../../helpers/worker/time";
import { openShareLink, revokeShareLink, seedSharedSession } from "../../helpers/worker/share";

const completed = (sessionId: string) => ({ action: "deletion_completed", actorType: "system", actor: null, sessionId });

describe("what the audit log records", () => {
  it("an admin's read of a session (not of an unknown one)", async () => {
    const sessionId = await seedSession("audit-viewed", Date.now() - MINUTE_MS);
    expect((await adminRequest(`/api/admin/sessions/${sessionId}`, {}, "alice-admin")).status).toBe(200);
    expect((await adminRequest(`/api/admin/sessions/${newSessionId()}`, {}, "alice-admin")).status).toBe(404);
    expect(await sessionAudit(sessionId)).toEqual([{ action: "session_viewed", actorType: "admin", actor: "alice-admin", sessionId }]);
  });

  it("a live socket that opened, by the admin whose ticket opened it, and not a refused one", async () => {
    const sessionId = await seedSession("audit-live", Date.now() - MINUTE_MS);
    const viewer = await watchSession(sessionId, "live-admin");
    const ticket = await ticketFor(sessionId, "live-admin");
    expect((await upgrade(`/api/admin/sessions/${sessionId}/live?ticket=${ticket}`, { origin: "https://evil.example" })).status).toBe(403);
    expect((await upgrade(`/api/admin/sessions/${sessionId}/live?ticket=${ticket}`)).status).toBe(401);
    expect((await upgrade(`/api/admin/sessions/${sessionId}/live`)).status).toBe(401);
    await viewer.leave();
    expect(await sessionAudit(sessionId)).toEqual([{ action: "live_viewed", actorType: "admin", actor: "live-admin", sessionId }]);
  });

  it("an admin's deletion of a session, and its completion once", async () => {
    const sessionId = await seedSession("audit-deleted", Date.now() - MINUTE_MS);
    expect((await adminRequest(`/api/admin/sessions/${sessionId}`, { method: "DELETE" }, "bob-admin")).status).toBe(200);
    expect((await adminRequest(`/api/admin/sessions/${sessionId}`, { method: "DELETE" }, "bob-admin")).status).toBe(404);
    expect(await sessionAudit(sessionId)).toEqual([{ action: "session_deleted", actorType: "admin", actor: "bob-admin", sessionId }, completed(sessionId)]);
  });

  it("a share link's creation and first revocation by the admin, and each open that worked by the link", async () => {
    const { sessionId, share } = await seedSharedSession("audit-shared");
    for (let i = 0; i < 2; i++) expect((await openShareLink(share.token)).status).toBe(200);
    expect((await revokeShareLink(share.id)).status).toBe(200);
    expect((await revokeShareLink(share.id)).status).toBe(200);
    expect((await openShareLink(share.token)).status).toBe(404);
    const opened = { action: "share_opened", actorType: "share_link", actor: share.id, sessionId };
    // By action: requests a millisecond apart may share a timestamp.
    const byAction = (entries: Array<{ action: string }>) => entries.sort((a, b) => a.action.localeCompare(b.action));
    expect(byAction(await sessionAudit(sessionId))).toEqual([
      { action: "share_created", actorType: "admin", actor: "root", sessionId },
      opened,
      opened,
      { action: "share_revoked", actorType: "admin", actor: "root", sessionId },
    ]);
  });

  it("an admin's deletion request for a user, and the completion of each of their sessions", async () => {
    const user = `audit-request-${newSessionId()}`;
    const sessions = [await seedSession(user, Date.now() - 2 * MINUTE_MS), await seedSession(user, Date.now() - MINUTE_MS)];
    const res = await adminRequest("/api/admin/deletion-requests", { method: "POST", body: JSON.stringify({ userId: user }) }, "carol-admin");
    expect(res.status).toBe(202);
    const mine = (await listAudit({ actor: "carol-admin" })).entries.map(describeEntry);
    expect(mine).toEqual([{ action: "deletion_requested", actorType: "admin", actor: "carol-admin", sessionId: null }]);
    for (const id of sessions) expect(await sessionAudit(id)).toEqual([completed(id)]);
  });

  it("retention's erasures (the cron), each completion once even when runs overlap", async () => {
    const db = database(env.DB);
    const expired = await seedSession("audit-retention", Date.now() - MINUTE_MS);
    await runCron(Date.now() + 15 * DAY_MS);
    expect(await sessionAudit(expired)).toEqual([completed(expired)]);
    const overlapped = await seedSession("audit-overlap", Date.now() - MINUTE_MS);
    // Two passes racing over the same shredded session: only the one that deletes its row records it.
    await shredSessions(db, oneSession(overlapped), Date.now());
    const [first, second] = await Promise.all([finishErasures(env, db, 25, [overlapped]), finishErasures(env, db, 25, [overlapped])]);
    expect(first + second).toBe(1);
    expect(await sessionAudit(overlapped)).toEqual([completed(overlapped)]);
  });

  it("holds ids and times only: no entry carries a token, an IP or recorded content", async () => {
    const sessionId = await seedSession("audit-content", Date.now() - MINUTE_MS);
    const token = await adminToken("dana-admin");
    await callAs(token, `/api/admin/sessions/${sessionId}`, { headers: { "CF-Connecting-IP": "203.0.113.9" } });
    const [entry] = (await listAudit({ sessionId })).entries;
    expect(Object.keys(entry ?? {}).sort()).toEqual(["action", "actor", "actorType", "at", "id", "sessionId"]);
    const stored = JSON.stringify(await env.DB.prepare("SELECT * FROM audit_log WHERE session_id = ?").bind(sessionId).all());
    for (const secret of [token, "203.0.113.9", "app.example.com", "test-ua"]) expect(stored).not.toContain(secret);
  });
});

/** Records `n` entries for one session, a second apart (two share each time), as `actor`. */
async function seedEntries(n: number, actor: string, sessionId = newSessionId()): Promise<string> {
  const base = Date.now() - n * 1000;
  const entries: AuditEntry[] = Array.from({ length: n }, (_, i) => ({
    action: "session_viewed",
    actorType: "admin",
    actor,
    sessionId,
    at: base + Math.floor(i / 2) * 1000,
  }));
  await recordAudit(database(env.DB), entries);
  return sessionId;
}

describe("GET /api/admin/audit", () => {
  it("pages newest first, without repeats or gaps, also through entries at the same time", async () => {
    const sessionId = await seedEntries(7, "pager-admin");
    const seen: AuditPage["entries"] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await listAudit({ sessionId, limit: 3, ...(cursor ? { cursor } : {}) });
      expect(page.entries.length).toBeLessThanOrEqual(3);
      seen.push(...page.entries);
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(new Set(seen.map((e) => e.id)).size).toBe(7);
    const times = seen.map((e) => e.at);
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(seen.every((e) => e.sessionId === sessionId && e.actor === "pager-admin")).toBe(true);
  });

  it("filters by session and by actor, together or alone", async () => {
    const a = await seedEntries(2, "filter-admin-a");
    await seedEntries(3, "filter-admin-b", a);
    const b = await seedEntries(1, "filter-admin-a");
    expect((await listAudit({ sessionId: a })).entries).toHaveLength(5);
    expect((await listAudit({ actor: "filter-admin-a" })).entries.map((e) => e.sessionId).sort()).toEqual([a, a, b].sort());
    expect((await listAudit({ actor: "filter-admin-b", sessionId: a })).entries).toHaveLength(3);
    expect((await listAudit({ actor: "filter-admin-b", sessionId: b })).entries).toEqual([]);
    expect((await listAudit({ sessionId: a.toUpperCase() })).entries).toHaveLength(5);
  });

  it("returns 50 by default and at most 200", async () => {
    const sessionId = await seedEntries(201, "bulk-admin");
    const token = await adminToken();
    const byDefault = await (await callAs(token, `/api/admin/audit?sessionId=${sessionId}`)).json<AuditPage>();
    expect(byDefault.entries).toHaveLength(50);
    expect(byDefault.nextCursor).not.toBeNull();
    const most = await (await callAs(token, `/api/admin/audit?sessionId=${sessionId}&limit=1000`)).json<AuditPage>();
    expect(most.entries).toHaveLength(200);
    expect(await listAudit({ sessionId, limit: 200, cursor: most.nextCursor ?? "" })).toMatchObject({ nextCursor: null, entries: [expect.anything()] });
  });

  it("answers bad values with 400 in the error shape", async () => {
    const token = await adminToken();
    for (const query of ["limit=0", "limit=-1", "limit=abc", "limit=2.5", "cursor=nope", "sessionId=not-a-session", `actor=${"x".repeat(257)}`]) {
      await expectError(await callAs(token, `/api/admin/audit?${query}`), 400, "bad_request");
    }
  });

  it("is for admins only", async () => {
    await expectError(await call("/api/admin/audit"), 401, "missing_token");
    await expectError(await callAs(await mintToken("someone"), "/api/admin/audit"), 401, "invalid_token");
  });
});
