import { describe, expect, it } from "vitest";
import { mintToken } from "../../helpers/tokens";
import { ALLOWED_ORIGIN, BASE, call, callAs, callWithEnv, expectError } from "../../helpers/worker/http";
import { makeEvents } from "../../helpers/worker/events";
import { seedChunk, uploadBody, uploadRequest } from "../../helpers/worker/upload";
import { ERASED, countRows, sessionObjects, storedFor } from "../../helpers/worker/storage";

describe("GET /api/replay/config", () => {
  it("needs no token and is not cached", async () => {
    const res = await call("/api/replay/config");
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const body = await res.json<Record<string, unknown>>();
    expect(body).toMatchObject({ enabled: true, privateSelectors: [], windowMinutes: 10 });
  });

  it("says enabled: false when REPLAY_ENABLED is false", async () => {
    const res = await callWithEnv({ REPLAY_ENABLED: "false" }, new Request(`${BASE}/api/replay/config`));
    expect(await res.json()).toMatchObject({ enabled: false });
  });
});

describe("REPLAY_ENABLED=false", () => {
  it("refuses uploads with 403 replay_disabled and stores nothing", async () => {
    const body = uploadBody();
    const res = await callWithEnv({ REPLAY_ENABLED: "false" }, uploadRequest(await mintToken("someone"), JSON.stringify(body)));
    await expectError(res, 403, "replay_disabled");
    // The recorder on an allowed origin can read why.
    expect(res.headers.get("Access-Control-Allow-Origin")).toBe(ALLOWED_ORIGIN);
    expect(await countRows("sessions", "id = ?", body.sessionId)).toBe(0);
    expect(await sessionObjects(body.sessionId)).toEqual([]);
  });
});

describe("DELETE /api/replay/me", () => {
  it("erases every session of the caller and none of anyone else's", async () => {
    const mine = [await seedChunk({ userId: "leaver" }), await seedChunk({ userId: "leaver", events: makeEvents(4) })];
    const theirs = await seedChunk({ userId: "stayer" });
    // Erasure finishes in the background (202); callWithEnv waits for it like the runtime would.
    const res = await callWithEnv(
      {},
      new Request(`${BASE}/api/replay/me`, { method: "DELETE", headers: { Authorization: `Bearer ${await mintToken("leaver")}` } }),
    );
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ ok: true });
    for (const s of mine) expect(await storedFor(s.sessionId)).toEqual(ERASED);
    expect(await countRows("sessions", "id = ?", theirs.sessionId)).toBe(1);
    expect(await sessionObjects(theirs.sessionId)).toHaveLength(1);
    // A late chunk for an erased session does not bring it back.
    const late = await callAs(await mintToken("leaver"), "/api/replay/upload", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(uploadBody({ sessionId: mine[0].sessionId, seq: 5, events: makeEvents(3) })),
    });
    expect(late.status).not.toBe(200);
    await late.body?.cancel();
    expect(await countRows("sessions", "id = ? AND erased_at IS NULL", mine[0].sessionId)).toBe(0);
    expect(await sessionObjects(mine[0].sessionId)).toEqual([]);
  });

  it("needs a token", async () => {
    await expectError(await call("/api/replay/me", { method: "DELETE" }), 401, "missing_token");
  });
});
