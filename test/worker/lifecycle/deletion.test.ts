import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { mintToken } from "../../helpers/tokens";
import { BASE, callAs, callWithEnv, expectError } from "../../helpers/worker/http";
import { adminFetch, adminToken } from "../../helpers/worker/admin";
import { runCron } from "../../helpers/worker/cron";
import { erasedUserId, expectCompletedDeletion, requestUserDeletion } from "../../helpers/worker/deletion-requests";
import { chunkEvents } from "../../helpers/worker/events";
import { seedSession, upload } from "../../helpers/worker/seed";
import { countRows, ERASED as gone, sessionObjects, storedFor } from "../../helpers/worker/storage";

/** Two sessions of `userId` recorded in the last minute, and one of `bystander`'s recorded between them. */
async function seedUserAndBystander(userId: string, bystander: string) {
  const now = Date.now();
  return {
    mine: [await seedSession(userId, now - 60_000), await seedSession(userId, now - 30_000)],
    theirs: await seedSession(bystander, now - 45_000),
  };
}

describe("deletion requests", () => {
  it("DELETE /api/replay/me erases every session of that user, records the request, and refuses later chunks", async () => {
    const { mine, theirs } = await seedUserAndBystander("del-alice", "del-bob");

    const res = await callAs(await mintToken("del-alice"), "/api/replay/me", { method: "DELETE" });
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ ok: true });

    // Unreadable and hidden at once (keys shredded), whatever the object deletion is doing.
    for (const id of mine) {
      expect((await storedFor(id)).keyRows).toBe(0);
      expect((await adminFetch(`/api/admin/sessions/${id}`)).status).toBe(404);
    }
    await runCron();
    for (const id of mine) expect(await storedFor(id)).toEqual(gone);
    expect((await storedFor(theirs)).chunkRows).toBe(2);

    // Recorded and complete, and it no longer names the user: their id became their keyed pseudonym.
    const pseudonym = await erasedUserId("del-alice");
    const recorded = await env.DB.prepare(
      "SELECT user_id, requested_by, source, requested_at, completed_at, sessions_erased FROM deletion_requests WHERE user_id = ?",
    )
      .bind(pseudonym)
      .all();
    expect(recorded.results).toHaveLength(1);
    expect(recorded.results[0]).toMatchObject({ user_id: pseudonym, requested_by: pseudonym, source: "self", sessions_erased: 2 });
    expect(await countRows("deletion_requests", "user_id = ? OR requested_by = ?", "del-alice", "del-alice")).toBe(0);
    expect(recorded.results[0].completed_at).toBeGreaterThanOrEqual(recorded.results[0].requested_at as number);

    // A chunk still in flight for an erased session is refused and recreates nothing.
    const late = await upload("del-alice", mine[0], 2, chunkEvents(Date.now(), 1000));
    expect(late.status).toBe(410);
    expect(((await late.json()) as { error: { code: string } }).error.code).toBe("session_erased");
    expect(await storedFor(mine[0])).toEqual(gone);

    // The user can still be recorded in a new session after asking.
    expect((await upload("del-alice", crypto.randomUUID(), 0, chunkEvents(Date.now(), 1000, { checkout: true }))).status).toBe(200);
  });

  it("POST /api/admin/deletion-requests erases one user's sessions and records who asked", async () => {
    const { mine: target, theirs: bystander } = await seedUserAndBystander("del-carol", "del-dave");

    const res = await requestUserDeletion("del-carol", await mintToken("support-admin", { admin: true }));
    expect(res.status).toBe(202);
    const body = (await res.json()) as { ok: boolean; requestId: string };
    expect(body.ok).toBe(true);

    await runCron();
    for (const id of target) expect(await storedFor(id)).toEqual(gone);
    expect((await storedFor(bystander)).chunkRows).toBe(2);
    // The admin who asked stays named; the erased user does not.
    await expectCompletedDeletion("id", body.requestId, { user_id: await erasedUserId("del-carol"), requested_by: "support-admin", source: "admin" });
    const list = (await (await adminFetch("/api/admin/sessions?userId=del-carol")).json()) as { sessions: unknown[] };
    expect(list.sessions).toEqual([]);
  });

  it("DELETE /api/admin/sessions/:id erases that session only and refuses its later chunks", async () => {
    const now = Date.now();
    const doomed = await seedSession("del-erin", now - 40_000);
    const sibling = await seedSession("del-erin", now - 30_000);
    const res = await callAs(await mintToken("support-admin", { admin: true }), `/api/admin/sessions/${doomed}`, { method: "DELETE" });
    expect(res.status).toBe(200);
    await runCron();
    expect(await storedFor(doomed)).toEqual(gone);
    expect((await storedFor(sibling)).chunkRows).toBe(2);
    expect((await upload("del-erin", doomed, 5, chunkEvents(now, 1000))).status).toBe(410);
    expect(await storedFor(doomed)).toEqual(gone);
    await expectCompletedDeletion("session_id", doomed, { requested_by: "support-admin", source: "admin" });
  });

  it("DELETE /api/admin/sessions/:id answers 503 with Retry-After when objects cannot be deleted yet, and a retry finishes the same request", async () => {
    const id = await seedSession("del-frank", Date.now() - 40_000);
    // Its two chunks in R2 (one segment) before the erasure: what failing deletes leave behind.
    expect(await sessionObjects(id)).toHaveLength(1);
    // An R2 whose deletes fail, as when the bucket is briefly unavailable.
    const failingBucket = new Proxy(env.CHUNKS, {
      get(target, prop) {
        if (prop === "delete") return async () => Promise.reject(new Error("R2 unavailable (simulated)"));
        const value = Reflect.get(target, prop);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const erase = () => new Request(`${BASE}/api/admin/sessions/${id}`, { method: "DELETE", headers: { Authorization: `Bearer ${token}` } });
    const token = await adminToken();

    const failed = await callWithEnv({ CHUNKS: failingBucket } as never, erase());
    await expectError(failed, 503, "erasure_incomplete");
    expect(failed.headers.get("Retry-After")).toMatch(/^\d+$/);
    // Unreadable and hidden already; the objects are what is left (the index rows its object had not written went with it).
    const left = await storedFor(id);
    expect(left).toMatchObject({ sessionRows: 1, keyRows: 0 });
    expect(left.objects).toHaveLength(1);
    expect((await adminFetch(`/api/admin/sessions/${id}`)).status).toBe(404);

    const retried = await callWithEnv({}, erase());
    expect(retried.status).toBe(200);
    expect(await storedFor(id)).toEqual(gone);
    const requests = await env.DB.prepare("SELECT id, completed_at, sessions_erased FROM deletion_requests WHERE session_id = ?")
      .bind(id)
      .all<{ id: string; completed_at: number | null }>();
    expect(requests.results).toHaveLength(1);
    expect(await retried.json()).toEqual({ ok: true, requestId: requests.results[0].id });
    expect(requests.results[0]).toMatchObject({ sessions_erased: 1 });
    expect(requests.results[0].completed_at).not.toBeNull();
    // Once erased, the session is simply not there.
    await expectError(await callWithEnv({}, erase()), 404, "not_found");
  });

  it("a user token cannot file an admin deletion request", async () => {
    const res = await requestUserDeletion("del-bob", await mintToken("del-mallory"));
    // A recording token is not an admin token of any kind (contract §2).
    expect(res.status).toBe(401);
    const count = await env.DB.prepare("SELECT COUNT(*) AS n FROM deletion_requests WHERE requested_by = ?").bind("del-mallory").first<{ n: number }>();
    expect(count?.n).toBe(0);
  });
});
