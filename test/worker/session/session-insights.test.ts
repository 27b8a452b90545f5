import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FLUSH_END_AFTER_MS } from "../../../worker/session/index-flush";
import { click, meta, move, mutation, NODE, snapshot, type SyntheticEvent } from "../../helpers/insight-events";
import { adminGet, adminRequest, type SessionPage } from "../../helpers/worker/admin";
import { newSessionId } from "../../helpers/worker/events";
import { getHeatmap } from "../../helpers/worker/heatmap";
import { objectStorage, sessionStub } from "../../helpers/worker/live";
import { upload } from "../../helpers/worker/seed";
import { flushIndex } from "../../helpers/worker/session-object";
import { MINUTE_MS } from "../../helpers/worker/time";

afterEach(() => {
  vi.restoreAllMocks();
});

type Detail = { rageClicks: number; deadClicks: number; insights: Array<{ type: string; at: number; x: number; y: number }> };

/** A page of its own per test, so heatmap sums are this test's alone. */
function pageOf(name: string) {
  return `https://shop.example.com/${name}-${crypto.randomUUID()}`;
}

/** A new session on a page of its own (see pageOf), its events starting five minutes ago at `t`. */
function newRecording(name: string) {
  return { t: Date.now() - 5 * MINUTE_MS, sessionId: newSessionId(), page: pageOf(name) };
}

function start(at: number, page: string): SyntheticEvent[] {
  return [meta(at, page, 1000, 500), snapshot(at)];
}

async function send(userId: string, sessionId: string, seq: number, events: SyntheticEvent[]) {
  expect((await upload(userId, sessionId, seq, events)).status).toBe(200);
}

/** Waits for `check` to hold, at most 5 s (contract §12: insights appear within 5 s of the upload that decides them). */
function within5s(check: () => Promise<void>) {
  return vi.waitFor(check, { timeout: 5_000, interval: 100 });
}

async function detail(sessionId: string) {
  return (await adminGet<Detail>(`/api/admin/sessions/${sessionId}`)).body;
}

const kinds = (d: Detail, t0: number) => d.insights.map((i) => [i.type, i.at - t0]);

describe("uploads feed insights through the session's object", () => {
  it("finds a rage burst and a dead link, not spaced clicks, an answered button or plain text, within one upload", async () => {
    const { t, sessionId, page } = newRecording("rage");
    await send("insight-upload", sessionId, 0, [
      ...start(t, page),
      click(t + 1000, NODE.text, 100, 100),
      click(t + 1300, NODE.text, 105, 100),
      click(t + 1600, NODE.text, 110, 100),
      click(t + 4000, NODE.text, 300, 300), // spaced: 2.4 s later, far away
      click(t + 6000, NODE.text, 300, 300),
      click(t + 9000, NODE.pay, 200, 200),
      mutation(t + 9500),
      click(t + 13_000, NODE.help, 400, 400),
      move(t + 20_000),
    ]);
    await within5s(async () => {
      const d = await detail(sessionId);
      expect(kinds(d, t)).toEqual([
        ["rage_click", 1000],
        ["dead_click", 13_000],
      ]);
      expect(d).toMatchObject({ rageClicks: 1, deadClicks: 1 });
    });
    const list = await adminGet<SessionPage>("/api/admin/sessions?userId=insight-upload&frustrated=true");
    expect(list.body.sessions.map((s) => s.id)).toContain(sessionId);
  });

  it("judges a click at a chunk's end by the next chunk: answered there, or dead once its wait is over", async () => {
    const t = Date.now() - 5 * MINUTE_MS;
    const [answered, unanswered] = [newSessionId(), newSessionId()];
    const page = pageOf("boundary");
    for (const id of [answered, unanswered]) await send("insight-boundary", id, 0, [...start(t, page), click(t + 4000, NODE.pay, 10, 10)]);
    expect((await detail(unanswered)).insights).toEqual([]);
    await send("insight-boundary", answered, 1, [mutation(t + 5000), move(t + 9000)]);
    await send("insight-boundary", unanswered, 1, [move(t + 5000), move(t + 9000)]);
    await within5s(async () => expect(kinds(await detail(unanswered), t)).toEqual([["dead_click", 4000]]));
    await flushIndex(answered);
    expect((await detail(answered)).insights).toEqual([]);
  });

  it("reads chunks in seq order when they arrive out of order", async () => {
    const { t, sessionId, page } = newRecording("order");
    const chunks = [
      [...start(t, page), click(t + 4000, NODE.pay, 50, 50), click(t + 4500, NODE.text, 300, 300), click(t + 4800, NODE.text, 300, 300)],
      [click(t + 5200, NODE.text, 300, 300), mutation(t + 5300), move(t + 9000)],
      [move(t + 10_000)],
    ];
    await send("insight-order", sessionId, 2, chunks[2]);
    await send("insight-order", sessionId, 1, chunks[1]);
    // Nothing is decided while seq 0 is missing.
    expect((await detail(sessionId)).insights).toEqual([]);
    await send("insight-order", sessionId, 0, chunks[0]);
    // In order, the burst spans chunks 0 and 1, and chunk 1's mutation answers the button.
    await within5s(async () => expect(kinds(await detail(sessionId), t)).toEqual([["rage_click", 4500]]));
  });

  it("decides what is pending at the end alarm, and counts the session's clicks into the heatmap", async () => {
    const at = Date.now();
    const t = at - MINUTE_MS;
    const sessionId = newSessionId();
    const page = pageOf("end");
    await send("insight-end", sessionId, 0, [...start(t, page), click(t + 1000, NODE.text, 500, 250), mutation(t + 1200), click(t + 4000, NODE.pay, 250, 125)]);
    expect((await getHeatmap({ url: page, from: 0, to: at + MINUTE_MS })).body.clicks).toBe(0);
    // The upload's own alarm (the directory's news) may still be running: wait for the end alarm to be set.
    const endAt = await vi.waitFor(async () => {
      const alarm = await runInDurableObject(sessionStub(sessionId), (_i, state) => state.storage.getAlarm());
      expect(alarm).toBeGreaterThanOrEqual(at + FLUSH_END_AFTER_MS);
      return alarm ?? 0;
    });
    vi.spyOn(Date, "now").mockReturnValue(endAt);
    expect(await runDurableObjectAlarm(sessionStub(sessionId))).toBe(true);
    expect(kinds(await detail(sessionId), t)).toEqual([["dead_click", 4000]]);
    const heat = (await getHeatmap({ url: page, from: 0, to: at + MINUTE_MS })).body;
    expect(heat.clicks).toBe(2);
    expect(heat.points.map((p) => [p.x, p.y, p.count]).sort()).toEqual([
      [25, 25, 1],
      [51, 51, 1],
    ]);
  });

  it("leaves nothing after an erasure, and a chunk racing it recreates no insight", async () => {
    const { t, sessionId, page } = newRecording("erase");
    await send("insight-erase", sessionId, 0, [...start(t, page), click(t + 1000, NODE.help, 10, 10), move(t + 4000), click(t + 4500, NODE.pay, 20, 20)]);
    await within5s(async () => expect((await detail(sessionId)).deadClicks).toBe(1));
    expect((await adminRequest(`/api/admin/sessions/${sessionId}`, { method: "DELETE" })).status).toBeLessThan(300);
    await vi.waitFor(async () => expect(await objectStorage(sessionStub(sessionId))).toEqual({ tables: [], alarm: null }), { timeout: 5_000, interval: 100 });
    expect((await upload("insight-erase", sessionId, 1, [move(t + 8000)])).status).toBe(410);
    const rows = await env.DB.prepare("SELECT COUNT(*) AS n FROM session_insights WHERE session_id = ?").bind(sessionId).first<{ n: number }>();
    expect(rows?.n).toBe(0);
    expect((await getHeatmap({ url: page, from: 0, to: Date.now() })).body.clicks).toBe(0);
  });
});
