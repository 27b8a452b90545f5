import { describe, expect, it } from "vitest";
import { mintToken } from "../../helpers/tokens";
import { BASE, call, callAs, callWithEnv, expectError } from "../../helpers/worker/http";
import { adminFetch } from "../../helpers/worker/admin";
import { seedSession } from "../../helpers/worker/seed";
import { newSessionId } from "../../helpers/worker/events";
import { MINUTE_MS, SECOND_MS } from "../../helpers/worker/time";
import {
  createShareLink,
  listShareLinks,
  openShareLink,
  postShare,
  revokeShareLink,
  seedSharedSession,
  shareRowCount,
  type SharedSession,
} from "../../helpers/worker/share";

const DAY_S = 86_400;

/** A fresh session of two chunks recorded a minute ago by `userId`. */
const recordedSession = (userId = "shared-user") => seedSession(userId, Date.now() - MINUTE_MS);

describe("POST /api/admin/sessions/:id/shares", () => {
  it("answers 201 with the link's id, an absolute /share/<token> URL and its expiry (default a day)", async () => {
    const sessionId = await recordedSession();
    const before = Date.now();
    const res = await postShare(sessionId);
    const after = Date.now();
    expect(res.status).toBe(201);
    const body = await res.json<{ id: string; url: string; expiresAt: number }>();
    expect(Object.keys(body).sort()).toEqual(["expiresAt", "id", "url"]);
    expect(body.url).toMatch(new RegExp(`^${BASE}/share/[A-Za-z0-9_-]{43}$`));
    expect(body.expiresAt).toBeGreaterThanOrEqual(before + DAY_S * 1000);
    expect(body.expiresAt).toBeLessThanOrEqual(after + DAY_S * 1000);
  });

  it("takes ttlSeconds from 60 to 604800 and refuses anything else with 400", async () => {
    const sessionId = await recordedSession();
    for (const ttlSeconds of [60, 3600, 604_800]) {
      const before = Date.now();
      const share = await createShareLink(sessionId, ttlSeconds);
      expect(share.expiresAt - before).toBeGreaterThanOrEqual(ttlSeconds * 1000);
      expect(share.expiresAt - before).toBeLessThanOrEqual(ttlSeconds * 1000 + 5 * SECOND_MS);
    }
    for (const ttlSeconds of [59, 0, -60, 604_801, 90.5, "3600", null]) {
      await expectError(await postShare(sessionId, { ttlSeconds }), 400, "bad_request");
    }
    expect(await listShareLinks(sessionId)).toHaveLength(3);
  });

  it("answers 404 for an unknown session and 400 for a malformed id", async () => {
    await expectError(await postShare(newSessionId()), 404, "not_found");
    await expectError(await postShare("not-a-session"), 400, "bad_request");
  });

  it("needs an admin: no token gets 401, a recording token 401, a non-admin admin-secret token 403", async () => {
    const sessionId = await recordedSession();
    const init = { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" };
    expect((await call(`/api/admin/sessions/${sessionId}/shares`, init)).status).toBe(401);
    expect((await callAs(await mintToken("shared-user"), `/api/admin/sessions/${sessionId}/shares`, init)).status).toBe(401);
    await expectError(await callAs(await mintToken("nobody", { kind: "admin" }), `/api/admin/sessions/${sessionId}/shares`, init), 403, "forbidden");
    expect(await shareRowCount(sessionId)).toBe(0);
  });
});

describe("GET /api/admin/sessions/:id/shares and DELETE /api/admin/shares/:id", () => {
  it("lists the session's links with who made them and their views, never a token", async () => {
    const sessionId = await recordedSession();
    const first = await createShareLink(sessionId, 3600);
    const second = await createShareLink(sessionId);
    expect((await openShareLink(first.token)).status).toBe(200);
    expect((await openShareLink(first.token)).status).toBe(200);
    const res = await adminFetch(`/api/admin/sessions/${sessionId}/shares`);
    const text = await res.text();
    expect(text).not.toContain(first.token);
    expect(text).not.toContain(second.token);
    const { shares } = JSON.parse(text) as { shares: Array<Record<string, unknown>> };
    expect(shares.map((s) => Object.keys(s).sort())).toEqual([
      ["createdAt", "createdBy", "expiresAt", "id", "revokedAt", "views"],
      ["createdAt", "createdBy", "expiresAt", "id", "revokedAt", "views"],
    ]);
    const byId = new Map(shares.map((s) => [s.id, s]));
    expect(byId.get(first.id)).toMatchObject({ createdBy: "root", expiresAt: first.expiresAt, revokedAt: null, views: 2 });
    expect(byId.get(second.id)).toMatchObject({ createdBy: "root", expiresAt: second.expiresAt, revokedAt: null, views: 0 });
  });

  it("revokes a link at once: the next open is share_not_found, the list shows when", async () => {
    const { sessionId, share } = await seedSharedSession("shared-user");
    expect((await openShareLink(share.token)).status).toBe(200);
    const before = Date.now();
    const res = await revokeShareLink(share.id);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    await expectError(await openShareLink(share.token), 404, "share_not_found");
    const [listed] = await listShareLinks(sessionId);
    expect(listed?.revokedAt).toBeGreaterThanOrEqual(before);
    expect(listed?.views).toBe(1);
    // Revoking again changes nothing; an unknown link is 404.
    expect((await revokeShareLink(share.id)).status).toBe(200);
    expect((await listShareLinks(sessionId))[0]?.revokedAt).toBe(listed?.revokedAt);
    await expectError(await revokeShareLink(newSessionId()), 404, "not_found");
  });

  it("answers 404 for the links of an unknown session (an erased one: share/erasure.test.ts)", async () => {
    await expectError(await adminFetch(`/api/admin/sessions/${newSessionId()}/shares`), 404, "not_found");
  });
});

describe("GET /api/share/:token", () => {
  it("answers the session, its chunks with working signed URLs and the link's expiry, and nothing about the user", async () => {
    const { sessionId, share } = await seedSharedSession("private-user-id");
    const res = await openShareLink(share.token);
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
    expect(res.headers.get("X-Robots-Tag")).toMatch(/noindex/);
    const text = await res.text();
    expect(text).not.toContain("private-user-id");
    expect(text).not.toContain("test-ua");
    const body = JSON.parse(text) as SharedSession;
    // `view` is this open's opaque value for refreshes (docs/api.md), added beside the contract's fields.
    expect(Object.keys(body).sort()).toEqual(["chunks", "expiresAt", "session", "view"]);
    expect(Object.keys(body.session).sort()).toEqual(["endedAt", "id", "meta", "startedAt"]);
    expect(body.session.meta).toEqual({ viewport: { width: 1280, height: 720 } });
    expect(body.session.id).toBe(sessionId);
    expect(body.expiresAt).toBe(share.expiresAt);
    expect(body.chunks.map((c) => c.seq)).toEqual([0, 1]);
    for (const chunk of body.chunks) {
      expect(Object.keys(chunk).sort()).toEqual(["endedAt", "seq", "startedAt", "url"]);
      const read = await call(chunk.url);
      expect(read.status).toBe(200);
      const events = await read.json<Array<{ timestamp: number }>>();
      expect(events[0]?.timestamp).toBe(chunk.startedAt);
    }
  });

  it("signs chunk URLs for at most 60 s, or REPLAY_SIGNED_URL_TTL_SECONDS when shorter", async () => {
    const { share } = await seedSharedSession("shared-user");
    /** Each chunk URL's expiry, as a lifetime counted from before and from after the request. */
    const lifetimes = async (overrides: Partial<Record<keyof Env, string>>) => {
      const before = Date.now();
      const res = await callWithEnv(overrides, new Request(`${BASE}/api/share/${share.token}`));
      const after = Date.now();
      const body = await res.json<SharedSession>();
      expect(body.chunks).toHaveLength(2);
      return body.chunks.map((c) => {
        const exp = Number(new URL(c.url).searchParams.get("exp"));
        return { fromBefore: exp - before, fromAfter: exp - after };
      });
    };
    // The configured 300 s is cut to 60 s; a configured 30 s stays 30 s.
    for (const [overrides, seconds] of [
      [{}, 60],
      [{ REPLAY_SIGNED_URL_TTL_SECONDS: "30" }, 30],
    ] as const) {
      for (const lifetime of await lifetimes(overrides)) {
        expect(lifetime.fromAfter).toBeLessThanOrEqual(seconds * SECOND_MS);
        expect(lifetime.fromBefore).toBeGreaterThanOrEqual(seconds * SECOND_MS - 5 * SECOND_MS);
      }
    }
  });

  it("answers unknown, malformed and revoked tokens with the same 404 share_not_found", async () => {
    const { share: revoked } = await seedSharedSession("shared-user");
    expect((await revokeShareLink(revoked.id)).status).toBe(200);
    const unknown = "A".repeat(43);
    for (const res of [await openShareLink(unknown), await openShareLink(revoked.token)]) {
      expect(res.headers.get("Cache-Control")).toBe("no-store");
      expect(res.headers.get("Referrer-Policy")).toBe("no-referrer");
      await res.body?.cancel();
    }
    const answers = await Promise.all(
      [unknown, "short", `${revoked.token}x`, revoked.token].map(async (t) => expectError(await openShareLink(t), 404, "share_not_found")),
    );
    expect(new Set(answers).size).toBe(1);
  });

  it("does not take an admin token in place of a share token", async () => {
    const { sessionId } = await seedSharedSession("shared-user");
    await expectError(await callAs(await mintToken("root", { admin: true }), `/api/share/${sessionId}`), 404, "share_not_found");
  });
});
