import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { liveDirectory } from "../../../worker/live/live-directory";
import { callAs, expectError } from "../../helpers/worker/http";
import { T0, makeEvents } from "../../helpers/worker/events";
import { seedChunk } from "../../helpers/worker/upload";
import { adminGet, adminToken, listAllPages, type SessionPage } from "../../helpers/worker/admin";

const MIN = 60_000;

describe("GET /api/admin/sessions", () => {
  /** 13 sessions of "pager": several share a start time, to test the tie-break. */
  const pager: Array<{ id: string; startedAt: number }> = [];
  beforeAll(async () => {
    const starts = [0, 1, 1, 1, 2, 3, 3, 4, 5, 5, 5, 5, 6].map((m) => T0 + m * MIN);
    for (const start of starts) {
      const body = await seedChunk({ userId: "pager", events: makeEvents(3, { start }) });
      pager.push({ id: body.sessionId, startedAt: start });
    }
    // Other users' sessions at the same times, to check the user filter.
    for (const m of [1, 3, 5]) await seedChunk({ userId: "other-pager", events: makeEvents(3, { start: T0 + m * MIN }) });
  }, 30_000);

  const expectedOrder = () => [...pager].sort((a, b) => b.startedAt - a.startedAt || (a.id < b.id ? 1 : -1)).map((s) => s.id);

  it("lists sessions newest first with the contract's fields", async () => {
    const { status, body, headers } = await adminGet<SessionPage>("/api/admin/sessions?userId=pager&limit=50");
    expect(status).toBe(200);
    expect(headers.get("Cache-Control")).toBe("no-store");
    expect(body.nextCursor).toBeNull();
    expect(body.sessions.map((s) => s.id)).toEqual(expectedOrder());
    const first = body.sessions[0];
    expect(first).toMatchObject({
      userId: "pager",
      startedAt: T0 + 6 * MIN,
      endedAt: T0 + 6 * MIN + 200,
      chunkCount: 1,
      status: "live",
      meta: { ua: "test-agent", viewport: { width: 1280, height: 720 } },
    });
    expect(first.bytes).toBeGreaterThan(0);
    for (const key of ["id", "userId", "startedAt", "endedAt", "bytes", "status", "meta", "chunkCount"]) expect(first).toHaveProperty(key);
  });

  for (const limit of [1, 2, 3, 4, 5]) {
    it(`pages with limit=${limit} without repeating or skipping, also across equal start times`, async () => {
      const { ids, pages } = await listAllPages({ userId: "pager", limit });
      expect(ids).toEqual(expectedOrder());
      expect(pages).toBe(Math.ceil(pager.length / limit));
    });
  }

  it("pages over every user's sessions without repeats or gaps", async () => {
    const { ids } = await listAllPages({ limit: 4 });
    const { results } = await env.DB.prepare("SELECT id FROM sessions WHERE erased_at IS NULL AND chunk_count > 0 ORDER BY started_at DESC, id DESC").all<{
      id: string;
    }>();
    expect(ids).toEqual(results.map((r) => r.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("keeps pagination stable when a newer session arrives between pages", async () => {
    const first = await adminGet<SessionPage>("/api/admin/sessions?userId=pager&limit=5");
    await seedChunk({ userId: "pager-late", events: makeEvents(3, { start: T0 + 60 * MIN }) });
    const rest = await listAllPages({ userId: "pager", limit: 5 });
    expect(rest.ids.slice(0, 5)).toEqual(first.body.sessions.map((s) => s.id));
    expect(rest.ids).toEqual(expectedOrder());
  });

  it("filters by user", async () => {
    const { body } = await adminGet<SessionPage>("/api/admin/sessions?userId=other-pager");
    expect(body.sessions).toHaveLength(3);
    expect(body.sessions.every((s) => s.userId === "other-pager")).toBe(true);
    const none = await adminGet<SessionPage>("/api/admin/sessions?userId=nobody");
    expect(none.body).toEqual({ sessions: [], nextCursor: null });
  });

  it("filters by time: sessions overlapping [from, to]", async () => {
    // pager sessions last 200 ms from their start minute.
    const inRange = async (q: string) => (await adminGet<SessionPage>(`/api/admin/sessions?userId=pager&${q}`)).body.sessions.map((s) => s.startedAt);
    expect(await inRange(`from=${T0 + 5 * MIN}`)).toEqual([T0 + 6 * MIN, ...Array(4).fill(T0 + 5 * MIN)]);
    expect(await inRange(`to=${T0 + 1 * MIN}`)).toEqual([...Array(3).fill(T0 + MIN), T0]);
    expect(await inRange(`from=${T0 + 3 * MIN}&to=${T0 + 4 * MIN}`)).toEqual([T0 + 4 * MIN, T0 + 3 * MIN, T0 + 3 * MIN]);
    // A range between sessions matches none; one inside a session matches it.
    expect(await inRange(`from=${T0 + 2 * MIN + 500}&to=${T0 + 2 * MIN + 900}`)).toEqual([]);
    expect(await inRange(`from=${T0 + 2 * MIN + 50}&to=${T0 + 2 * MIN + 60}`)).toEqual([T0 + 2 * MIN]);
    // Time and pagination combine.
    const { ids } = await listAllPages({ userId: "pager", from: T0 + MIN, to: T0 + 5 * MIN, limit: 2 });
    expect(ids).toEqual(
      expectedOrder().filter((id) => {
        const s = pager.find((p) => p.id === id)!;
        return s.startedAt >= T0 + MIN && s.startedAt <= T0 + 5 * MIN;
      }),
    );
  });

  it('reports "ended" once no chunk arrived for a minute', async () => {
    const body = await seedChunk({ userId: "quiet" });
    // Two minutes on (the objects share this isolate's clock).
    vi.spyOn(Date, "now").mockReturnValue(Date.now() + 2 * MIN);
    const { body: page } = await adminGet<SessionPage>("/api/admin/sessions?userId=quiet");
    vi.restoreAllMocks();
    expect(page.sessions[0]).toMatchObject({ id: body.sessionId, status: "ended" });
  });

  it("shows a live session as its object has it: current counts, and the time filter by its current end", async () => {
    const first = await seedChunk({ userId: "growing", events: makeEvents(3, { start: T0 + 20 * MIN }) });
    await seedChunk({ userId: "growing", sessionId: first.sessionId, seq: 1, events: makeEvents(3, { start: T0 + 30 * MIN, fullSnapshot: false }) });
    // D1 has the claim's summary (chunk 0); the directory lists the session once its object announced it.
    expect(await env.DB.prepare("SELECT chunk_count, ended_at FROM sessions WHERE id = ?").bind(first.sessionId).first()).toEqual({
      chunk_count: 1,
      ended_at: T0 + 20 * MIN + 200,
    });
    await vi.waitFor(async () => expect(await liveDirectory(env).liveSessionIds()).toContain(first.sessionId), { timeout: 5_000, interval: 50 });
    const { body } = await adminGet<SessionPage>(`/api/admin/sessions?userId=growing&from=${T0 + 25 * MIN}`);
    expect(body.sessions).toHaveLength(1);
    expect(body.sessions[0]).toMatchObject({ id: first.sessionId, chunkCount: 2, endedAt: T0 + 30 * MIN + 200, status: "live" });
    expect((await adminGet<SessionPage>(`/api/admin/sessions?userId=growing&from=${T0 + 31 * MIN}`)).body.sessions).toEqual([]);
  });

  it("treats empty query values as absent, as in the contract's own example URL", async () => {
    const all = await adminGet<SessionPage>("/api/admin/sessions");
    const empty = await adminGet<SessionPage>("/api/admin/sessions?userId=&from=&to=&limit=&cursor=");
    expect(empty.status).toBe(200);
    expect(empty.body.sessions.map((s) => s.id)).toEqual(all.body.sessions.map((s) => s.id));
    expect(empty.body.sessions.length).toBeGreaterThan(0);
  });

  it("caps a limit over the maximum instead of refusing it", async () => {
    const { status, body } = await adminGet<SessionPage>("/api/admin/sessions?userId=pager&limit=100000");
    expect(status).toBe(200);
    expect(body.sessions).toHaveLength(pager.length);
  });

  it("refuses bad queries with 400", async () => {
    const token = await adminToken();
    for (const q of ["limit=0", "limit=-1", "limit=abc", "from=abc", "to=-5", `from=${T0 + 10}&to=${T0}`, "cursor=garbage", "cursor=%2F%2F%2F"]) {
      await expectError(await callAs(token, `/api/admin/sessions?${q}`), 400, "bad_request");
    }
  });

  it("hides sessions being erased", async () => {
    const body = await seedChunk({ userId: "vanishing" });
    await env.DB.prepare("UPDATE sessions SET erased_at = ? WHERE id = ?").bind(Date.now(), body.sessionId).run();
    const { body: page } = await adminGet<SessionPage>("/api/admin/sessions?userId=vanishing");
    expect(page.sessions).toEqual([]);
    await expectError(await callAs(await adminToken(), `/api/admin/sessions/${body.sessionId}`), 404, "not_found");
  });
});
