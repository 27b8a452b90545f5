import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { mintToken } from "../../helpers/tokens";
import { adminToken } from "../../helpers/worker/admin";
import { BASE, call, callAs, expectError } from "../../helpers/worker/http";
import { newSessionId } from "../../helpers/worker/events";
import { mintTicket, plantTicket, ticketFor, upgrade, viewerOf } from "../../helpers/worker/live";
import { freshLimitWindow, LIMIT_WINDOW_TIMEOUT_MS, SECOND_MS } from "../../helpers/worker/time";
import { liveDirectory } from "../../../worker/live/live-directory";
import { hashTicket, sessionTarget, TICKET_TTL_MS } from "../../../worker/live/tickets";

/** Per admin and minute, for each of tickets and upgrade attempts (wrangler.toml's live limiters). */
const LIVE_LIMIT_PER_MINUTE = 30;

const sessionPath = (id: string, ticket: string) => `/api/admin/sessions/${id}/live?ticket=${ticket}`;
const listPath = (ticket: string) => `/api/admin/live?ticket=${ticket}`;

describe("POST /api/admin/live/tickets", () => {
  it("mints a single-use ticket for the list or a session: 32 random bytes in base64url, at most 60 s, stored only as its SHA-256", async () => {
    const before = Date.now();
    const res = await mintTicket({ sessionId: newSessionId() });
    expect(res.status).toBe(201);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const body = await res.json<{ ticket: string; expiresAt: number }>();
    expect(Object.keys(body).sort()).toEqual(["expiresAt", "ticket"]);
    expect(body.ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(body.expiresAt).toBeGreaterThan(before);
    expect(body.expiresAt).toBeLessThanOrEqual(Date.now() + TICKET_TTL_MS);
    expect(await ticketFor()).not.toBe(await ticketFor());

    const kept = await runInDurableObject(liveDirectory(env), (_i, state) => state.storage.sql.exec("SELECT * FROM tickets").toArray());
    const text = JSON.stringify(kept);
    expect(text).not.toContain(body.ticket);
    expect(text).toContain(await hashTicket(body.ticket));
  });

  it("needs an admin and a well-formed body", async () => {
    await expectError(
      await call("/api/admin/live/tickets", { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" }),
      401,
      "missing_token",
    );
    const user = await callAs(await mintToken("not-an-admin"), "/api/admin/live/tickets", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{}",
    });
    expect([401, 403]).toContain(user.status);
    await expectError(await mintTicket({ sessionId: "nope" }), 400, "bad_request");
    await expectError(await mintTicket({ sessionId: newSessionId(), extra: 1 }), 400, "bad_request");
  });

  it(
    "answers 429 with Retry-After past 30 tickets a minute for one admin, and leaves other admins alone",
    async () => {
      await freshLimitWindow();
      for (let i = 0; i < LIVE_LIMIT_PER_MINUTE; i++) expect((await mintTicket({}, "ticket-hungry")).status).toBe(201);
      const refused = await mintTicket({}, "ticket-hungry");
      await expectError(refused, 429, "rate_limited");
      expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
      expect((await mintTicket({}, "ticket-calm")).status).toBe(201);
    },
    LIMIT_WINDOW_TIMEOUT_MS,
  );
});

describe("GET /api/admin/live and /api/admin/sessions/:id/live: upgrades", () => {
  it("open with a ticket alone (no admin token: browsers cannot send one) and answer 101 with the first frame", async () => {
    const id = newSessionId();
    const session = viewerOf(await upgrade(sessionPath(id, await ticketFor(id))));
    expect(await session.waitFor((f) => f.type === "hello")).toEqual({ type: "hello", sessionId: id, lastSeq: null });
    const list = viewerOf(await upgrade(listPath(await ticketFor())));
    expect((await list.waitFor((f) => f.type === "sessions")).sessions).toEqual(expect.any(Array));
  });

  it("check the Origin first: missing or foreign gets 403, and the ticket is used up all the same", async () => {
    const id = newSessionId();
    for (const origin of [null, "https://evil.example", "https://app.example.com", BASE.replace("https", "http")]) {
      const ticket = await ticketFor(id);
      await expectError(await upgrade(sessionPath(id, ticket), { origin }), 403, "forbidden_origin");
      await expectError(await upgrade(sessionPath(id, ticket)), 401, "invalid_ticket");
    }
    // A foreign origin gets 403 even without a ticket: the Origin is checked first.
    await expectError(await upgrade("/api/admin/live", { origin: "https://evil.example" }), 403, "forbidden_origin");
  });

  it("refuse a missing, unknown, used or expired ticket with 401 and no upgrade", async () => {
    const id = newSessionId();
    await expectError(await upgrade(`/api/admin/sessions/${id}/live`), 401, "invalid_ticket");
    await expectError(await upgrade(listPath("A".repeat(43))), 401, "invalid_ticket");
    await expectError(await upgrade(listPath("not a ticket")), 401, "invalid_ticket");
    // An admin token is no credential here.
    await expectError(await callAs(await adminToken(), listPath(""), { headers: { Upgrade: "websocket", Origin: BASE } }), 401, "invalid_ticket");

    const used = await ticketFor(id);
    viewerOf(await upgrade(sessionPath(id, used)));
    await expectError(await upgrade(sessionPath(id, used)), 401, "invalid_ticket");

    const stale = await ticketFor(id);
    vi.spyOn(Date, "now").mockReturnValue(Date.now() + TICKET_TTL_MS + SECOND_MS);
    const expired = await upgrade(sessionPath(id, stale));
    expect(expired.webSocket).toBeNull();
    await expectError(expired, 401, "invalid_ticket");
  });

  it("refuse a ticket minted for another target with 403, using it up", async () => {
    const [a, b] = [newSessionId(), newSessionId()];
    const cases: Array<[string, (t: string) => string]> = [
      [await ticketFor(a), (t) => sessionPath(b, t)],
      [await ticketFor(), (t) => sessionPath(a, t)],
      [await ticketFor(a), (t) => listPath(t)],
    ];
    for (const [ticket, path] of cases) {
      await expectError(await upgrade(path(ticket)), 403, "wrong_target");
      await expectError(await upgrade(sessionPath(a, ticket)), 401, "invalid_ticket");
    }
    // Session ids compare case-insensitively, as everywhere else.
    viewerOf(await upgrade(sessionPath(a.toUpperCase(), await ticketFor(a))));
  });

  it("answer 426 to a request with a good ticket that is not a WebSocket upgrade", async () => {
    const res = await call(listPath(await ticketFor()), { headers: { Origin: BASE } });
    await expectError(res, 426, "upgrade_required");
  });

  it(
    "answer 429 with Retry-After past 30 upgrade attempts a minute by the tickets' minter",
    async () => {
      const id = newSessionId();
      await freshLimitWindow();
      for (let i = 0; i < LIVE_LIMIT_PER_MINUTE; i++) {
        await expectError(await upgrade(sessionPath(id, await plantTicket("list", "upgrade-hungry"))), 403, "wrong_target");
      }
      const refused = await upgrade(sessionPath(id, await plantTicket(sessionTarget(id), "upgrade-hungry")));
      await expectError(refused, 429, "rate_limited");
      expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
      viewerOf(await upgrade(sessionPath(id, await plantTicket(sessionTarget(id), "upgrade-calm"))));
    },
    LIMIT_WINDOW_TIMEOUT_MS,
  );
});
