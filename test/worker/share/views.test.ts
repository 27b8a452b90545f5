import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { readConfig } from "../../../worker/config";
import { database } from "../../../worker/db/client";
import { SHARE_VIEW_MAX_AGE_MS, signShareView } from "../../../worker/crypto/share-view";
import { openShare } from "../../../worker/share/open-share";
import { BASE, call, expectError } from "../../helpers/worker/http";
import {
  openShareLink,
  refreshShareLink,
  revokeShareLink,
  seedSharedSession,
  type SharedSession,
  shareOpenedEntries,
  shareViews,
} from "../../helpers/worker/share";

/** The test worker's REPLAY_SIGNING_SECRET, to make values only the server could make. */
const SECRET = readConfig(env).signingSecret;

/** A fresh session with a share link, opened once: its first answer. */
async function openedOnce(userId: string) {
  const { sessionId, share } = await seedSharedSession(userId);
  const res = await openShareLink(share.token);
  expect(res.status).toBe(200);
  return { sessionId, share, first: await res.json<SharedSession>() };
}

/** What the link's list entry and the audit log say about its opens. */
async function opens(sessionId: string, shareId: string) {
  return { views: await shareViews(sessionId, shareId), audited: await shareOpenedEntries(shareId) };
}

/** Opens `token` with the server's clock at `now`, sending `view`: the share route's own function. */
function openAt(token: string, view: string | undefined, now: number) {
  return openShare(env, database(env.DB), readConfig(env), { token, view, origin: BASE }, now);
}

describe("share link views count opens, not refreshes", () => {
  it("counts and audits the first open once, and not the refreshes that send its view back", async () => {
    const { sessionId, share, first } = await openedOnce("views-refresh-user");
    expect(first.view).toMatch(/^\d+\.[A-Za-z0-9_-]{43}$/);
    expect(await opens(sessionId, share.id)).toEqual({ views: 1, audited: 1 });

    for (let i = 0; i < 3; i++) {
      const res = await refreshShareLink(share.token, first.view);
      expect(res.status).toBe(200);
      const again = await res.json<SharedSession>();
      // The same open: its value is kept, not renewed (it expires an hour after the open).
      expect(again.view).toBe(first.view);
      expect(again.session.id).toBe(sessionId);
      for (const chunk of again.chunks) expect((await call(chunk.url)).status).toBe(200);
    }
    expect(await opens(sessionId, share.id)).toEqual({ views: 1, audited: 1 });

    // A new page load sends no value: a new open.
    expect((await openShareLink(share.token)).status).toBe(200);
    expect(await opens(sessionId, share.id)).toEqual({ views: 2, audited: 2 });
  });

  it("counts a forged, malformed, expired or other link's value as a new open, never as an error", async () => {
    const { sessionId, share, first } = await openedOnce("views-forged-user");
    const other = await openedOnce("views-other-user");
    const [openedAt, mac = ""] = first.view.split(".");
    const flipped = `${mac.slice(0, -2)}${mac.at(-2) === "A" ? "B" : "A"}${mac.at(-1)}`;
    const forged = [
      `${openedAt}.${flipped}`,
      `${Number(openedAt) + 1}.${mac}`,
      `0${openedAt}.${mac}`,
      `${first.view}.x`,
      "garbage",
      other.first.view,
      await signShareView("not-the-secret", share.id, Number(openedAt)),
      // The server's own signature, for this link, but from two hours ago: expired.
      await signShareView(SECRET, share.id, Date.now() - 2 * SHARE_VIEW_MAX_AGE_MS),
    ];
    for (const view of forged) {
      const res = await refreshShareLink(share.token, view);
      expect(res.status).toBe(200);
      const body = await res.json<SharedSession>();
      expect(body.view).not.toBe(view);
      expect(body.chunks).toHaveLength(first.chunks.length);
    }
    expect(await opens(sessionId, share.id)).toEqual({ views: 1 + forged.length, audited: 1 + forged.length });
    // The other link's own count is untouched by its value being sent with this one.
    expect(await opens(other.sessionId, other.share.id)).toEqual({ views: 1, audited: 1 });
  });

  it("keeps a view for an hour after the open: a refresh from then on is a new open", async () => {
    const { sessionId, share, first } = await openedOnce("views-expiry-user");
    const openedAt = Number(first.view.split(".")[0]);
    expect((await openAt(share.token, first.view, openedAt + SHARE_VIEW_MAX_AGE_MS - 1)).body.view).toBe(first.view);
    expect(await opens(sessionId, share.id)).toEqual({ views: 1, audited: 1 });

    const later = openedAt + SHARE_VIEW_MAX_AGE_MS;
    const renewed = await openAt(share.token, first.view, later);
    expect(renewed.body.view).not.toBe(first.view);
    expect(await opens(sessionId, share.id)).toEqual({ views: 2, audited: 2 });
    // A value dated after the request's clock was not issued by it: a new open too.
    expect((await openAt(share.token, renewed.body.view, later - 1)).body.view).not.toBe(renewed.body.view);
    expect(await opens(sessionId, share.id)).toEqual({ views: 3, audited: 3 });
  });

  it("does not let a view outlive its link: a refresh after revocation is share_not_found", async () => {
    const { sessionId, share, first } = await openedOnce("views-revoked-user");
    expect((await revokeShareLink(share.id)).status).toBe(200);
    await expectError(await refreshShareLink(share.token, first.view), 404, "share_not_found");
    expect(await opens(sessionId, share.id)).toEqual({ views: 1, audited: 1 });
  });

  it("rate-limits refreshes like opens", async () => {
    const { share, first } = await openedOnce("views-limited-user");
    let limited: Response | null = null;
    // 120 a minute pass (the SHARE_LIMITER binding); fixed windows allow for one boundary.
    for (let i = 0; i < 2 * 120 + 5 && !limited; i++) {
      const res = await refreshShareLink(share.token, first.view, "198.51.100.40");
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(200);
    }
    expect(limited).not.toBeNull();
    if (limited) await expectError(limited, 429, "rate_limited");
  }, 120_000);
});
