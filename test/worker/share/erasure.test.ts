import { describe, expect, it, vi } from "vitest";
import { mintToken } from "../../helpers/tokens";
import { adminFetch, adminPostJson } from "../../helpers/worker/admin";
import { callAs, expectError } from "../../helpers/worker/http";
import { runCron } from "../../helpers/worker/cron";
import { DAY_MS } from "../../helpers/worker/time";
import { openShareLink, postShare, seedSharedSession, shareRowCount } from "../../helpers/worker/share";

/** A session of `userId` with one open share link. */
async function sharedSession(userId: string) {
  const { sessionId, share } = await seedSharedSession(userId);
  expect((await openShareLink(share.token)).status).toBe(200);
  expect(await shareRowCount(sessionId)).toBe(1);
  return { sessionId, share };
}

/** The link opens nothing, and its row is gone once the erasure (which may run after the answer) is done. */
async function expectShareGone(sessionId: string, token: string) {
  await vi.waitFor(async () => expect(await shareRowCount(sessionId)).toBe(0), { timeout: 5_000, interval: 100 });
  await expectError(await openShareLink(token), 404, "share_not_found");
}

describe("erasing a session removes its share links, whatever erases it", () => {
  it("an admin's DELETE /api/admin/sessions/:id; the session's links can then be neither listed nor made", async () => {
    const { sessionId, share } = await sharedSession("share-erase-admin");
    expect((await adminFetch(`/api/admin/sessions/${sessionId}`, { method: "DELETE" })).status).toBe(200);
    await expectShareGone(sessionId, share.token);
    await expectError(await adminFetch(`/api/admin/sessions/${sessionId}/shares`), 404, "not_found");
    await expectError(await postShare(sessionId), 404, "not_found");
  });

  it("an admin's deletion request for the user", async () => {
    const { sessionId, share } = await sharedSession("share-erase-request");
    expect((await adminPostJson("/api/admin/deletion-requests", { userId: "share-erase-request" })).status).toBe(202);
    await expectShareGone(sessionId, share.token);
  });

  it("the user's own DELETE /api/replay/me", async () => {
    const { sessionId, share } = await sharedSession("share-erase-me");
    expect((await callAs(await mintToken("share-erase-me"), "/api/replay/me", { method: "DELETE" })).status).toBe(202);
    await expectShareGone(sessionId, share.token);
  });

  it("retention (the cron, 15 days on)", async () => {
    const { sessionId, share } = await sharedSession("share-erase-retention");
    await runCron(Date.now() + 15 * DAY_MS);
    await expectShareGone(sessionId, share.token);
  });
});
