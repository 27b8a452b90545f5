import { describe, expect, it, vi } from "vitest";
import { mintToken } from "../../helpers/tokens";
import { requestUserDeletion } from "../../helpers/worker/deletion-requests";
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

/** The ways a user's session is erased, each applied to user `userId`. */
const ERASURES: Array<[string, string, (userId: string) => Promise<void>]> = [
  [
    "a user's own DELETE /api/replay/me",
    "erase-me",
    async (userId) => expect((await callAs(await mintToken(userId), "/api/replay/me", { method: "DELETE" })).status).toBe(202),
  ],
  ["an admin's deletion request for a user", "erase-request", async (userId) => expect((await requestUserDeletion(userId)).status).toBe(202)],
  // Retention runs by the server's clock (when the last chunk arrived), so the cron runs 15 days on.
  ["retention (the cron)", "erase-retention", () => runCron(Date.now() + 15 * DAY_MS)],
];

describe("erasure reaches the session's object, whatever erases it", () => {
  it.each(ERASURES)("%s", async (_how, userId, erase) => {
    const sessionId = await seedSession(userId, Date.now() - MINUTE_MS);
    const viewer = await watchSession(sessionId);
    await erase(userId);
    await expectErasedEverywhere(sessionId, viewer);
  });
});
