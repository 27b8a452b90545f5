import { describe, expect, it, vi } from "vitest";
import { mintToken } from "../../helpers/tokens";
import { adminFetch } from "../../helpers/worker/admin";
import { callAs } from "../../helpers/worker/http";
import { runCron } from "../../helpers/worker/cron";
import { objectStorage, sessionStub, watchSession, type Viewer } from "../../helpers/worker/live";
import { seedSession } from "../../helpers/worker/seed";
import { ERASED, storedFor } from "../../helpers/worker/storage";
import { DAY_MS, MINUTE_MS } from "../../helpers/worker/time";

/** Every way a session is erased reaches its object: its viewers get `erased`, then the close, and it keeps nothing. */
async function expectErasedEverywhere(sessionId: string, viewer: Viewer) {
  await viewer.closed;
  expect(viewer.frames.at(-1)).toEqual({ type: "erased" });
  // The rest of the erasure may still be finishing (it runs after the answer for requests).
  await vi.waitFor(
    async () => {
      expect(await objectStorage(sessionStub(sessionId))).toEqual({ tables: [], alarm: null });
      expect(await storedFor(sessionId)).toEqual(ERASED);
    },
    { timeout: 5_000, interval: 100 },
  );
}

describe("erasure reaches the session's object, whatever erases it", () => {
  it("a user's own DELETE /api/replay/me", async () => {
    const sessionId = await seedSession("erase-me", Date.now() - MINUTE_MS);
    const viewer = await watchSession(sessionId);
    expect((await callAs(await mintToken("erase-me"), "/api/replay/me", { method: "DELETE" })).status).toBe(202);
    await expectErasedEverywhere(sessionId, viewer);
  });

  it("an admin's deletion request for a user", async () => {
    const sessionId = await seedSession("erase-request", Date.now() - MINUTE_MS);
    const viewer = await watchSession(sessionId);
    const res = await adminFetch("/api/admin/deletion-requests", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ userId: "erase-request" }),
    });
    expect(res.status).toBe(202);
    await expectErasedEverywhere(sessionId, viewer);
  });

  it("retention (the cron)", async () => {
    // Retention runs by the server's clock (when the last chunk arrived), so the cron runs 15 days on.
    const sessionId = await seedSession("erase-retention", Date.now() - MINUTE_MS);
    const viewer = await watchSession(sessionId);
    await runCron(Date.now() + 15 * DAY_MS);
    await expectErasedEverywhere(sessionId, viewer);
  });
});
