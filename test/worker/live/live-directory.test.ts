import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { adminFetch, adminGet } from "../../helpers/worker/admin";
import { chunkEvents, newSessionId, T0 } from "../../helpers/worker/events";
import { sessionStub, watchList, type Frame, type Viewer } from "../../helpers/worker/live";
import { seedChunk } from "../../helpers/worker/upload";
import { SECOND_MS } from "../../helpers/worker/time";
import { LISTING_STALE_MS, liveDirectory } from "../../../worker/live/live-directory";
import { LIVE_WITHIN_MS } from "../../../worker/live/session-entry";
import { NOTICE_EVERY_MS } from "../../../worker/session/directory-notice";

async function store(sessionId: string, seq: number) {
  await seedChunk({ userId: "listed-user", sessionId, seq, events: chunkEvents(T0 + seq * 5 * SECOND_MS, 4_000, { checkout: seq === 0 }) });
}

/** The `session` frames a list viewer got for one session, in order. */
const framesFor = (viewer: Viewer, id: string) => viewer.ofType("session").filter((f) => (f.session as { id: string }).id === id);
const sessionOf = (f: Frame) => f.session as { id: string; status: string; chunkCount: number };
/** Waits for a `session` frame about `id` that `match` accepts. */
const sessionFrame = (list: Viewer, id: string, what: string, match: (s: ReturnType<typeof sessionOf>) => boolean = () => true) =>
  list.waitFor((f) => f.type === "session" && sessionOf(f).id === id && match(sessionOf(f)), what);
/** A list socket, and a session whose first chunk it has seen announced (`storedFrom`: just before that chunk was sent). */
async function listedSession() {
  const list = await watchList();
  const sessionId = newSessionId();
  const storedFrom = Date.now();
  await store(sessionId, 0);
  const started = await sessionFrame(list, sessionId, "start");
  return { list, sessionId, storedFrom, started };
}
/** The ids a fresh list socket lists first. */
const listedNow = async () => ((await watchList()).frames[0].sessions as Array<{ id: string }>).map((s) => s.id);

/** When the session's object will next speak to the directory. */
const alarmOf = (sessionId: string) => runInDurableObject(sessionStub(sessionId), (_i, state) => state.storage.getAlarm());

/** Moves the clock (of the test and of the objects, which share its isolate) to `at` and runs the object's alarm. */
async function alarmAt(sessionId: string, at: number | null) {
  if (at === null) throw new Error("no alarm is set");
  vi.spyOn(Date, "now").mockReturnValue(at);
  expect(await runDurableObjectAlarm(sessionStub(sessionId))).toBe(true);
}

describe("LiveDirectory: the list socket", () => {
  // First in the file: no list socket is open yet (the other tests leave theirs open).
  it("keeps to one message per session per 30 s while no one watches the list; a list socket that opens gets the news at once", async () => {
    const sessionId = newSessionId();
    const before = Date.now();
    await store(sessionId, 0);
    await vi.waitFor(async () => expect(await liveDirectory(env).liveSessionIds()).toContain(sessionId), { timeout: 5_000, interval: 50 });
    await store(sessionId, 1);
    // The heartbeat waits for the 30 s spacing.
    expect(await alarmOf(sessionId)).toBeGreaterThanOrEqual(before + NOTICE_EVERY_MS);
    const list = await watchList();
    const listed = (list.frames[0].sessions as Array<{ id: string; chunkCount: number }>).find((s) => s.id === sessionId);
    expect(listed?.chunkCount).toBe(1);
    // Opening the list told the session's object, which sends what the directory has not heard at once.
    await sessionFrame(list, sessionId, "catch-up", (e) => e.chunkCount === 2);
  });

  it("announces a session when it starts, shaped as the admin list shows it, and lists it for new sockets", async () => {
    const { sessionId, started } = await listedSession();
    const { body } = await adminGet<{ sessions: Array<Record<string, unknown>> }>("/api/admin/sessions?userId=listed-user");
    expect(started.session).toEqual(body.sessions.find((s) => s.id === sessionId));
    expect(sessionOf(started).status).toBe("live");

    const later = await watchList();
    const sessions = later.frames[0].sessions as Array<{ id: string; status: string }>;
    expect(sessions.find((s) => s.id === sessionId)).toEqual(started.session);
    expect(sessions.every((s) => s.status === "live")).toBe(true);
  });

  it("sends each chunk's entry at once while a list socket is open, and announces the end within 10 s of 60 s without a chunk", async () => {
    const { list, sessionId } = await listedSession();
    // The directory's answer to the start told the object that the list is watched.
    const secondFrom = Date.now();
    await store(sessionId, 1);
    const secondTo = Date.now();
    const update = await sessionFrame(list, sessionId, "chunk update", (e) => e.chunkCount === 2);
    expect(sessionOf(update).status).toBe("live");

    // No more chunks: the end is due when the last one (received between secondFrom and secondTo) is
    // 60 s old. The object does not move its alarm on for each chunk, so it may wake earlier first:
    // such a wake-up announces nothing and sets the alarm for the end.
    let endAt = await alarmOf(sessionId);
    for (let wake = 0; endAt !== null && endAt < secondFrom + LIVE_WITHIN_MS && wake < 3; wake++) {
      await alarmAt(sessionId, endAt);
      expect(framesFor(list, sessionId)).toHaveLength(2);
      endAt = await alarmOf(sessionId);
    }
    expect(endAt).toBeGreaterThanOrEqual(secondFrom + LIVE_WITHIN_MS);
    expect(endAt).toBeLessThanOrEqual(secondTo + LIVE_WITHIN_MS);
    await alarmAt(sessionId, endAt);
    const ended = await sessionFrame(list, sessionId, "end", (e) => e.status === "ended");
    expect(sessionOf(ended).chunkCount).toBe(2);
    expect(framesFor(list, sessionId)).toHaveLength(3);
    // Its alarm is done, and new list sockets no longer list it.
    expect(await alarmOf(sessionId)).toBeNull();
    vi.restoreAllMocks();
    expect(await listedNow()).not.toContain(sessionId);
  });

  it("takes an erased session off the list at once", async () => {
    const { list, sessionId } = await listedSession();
    expect((await adminFetch(`/api/admin/sessions/${sessionId}`, { method: "DELETE" })).status).toBe(200);
    expect(sessionOf(await sessionFrame(list, sessionId, "removal", (e) => e.status === "ended")).id).toBe(sessionId);
    expect(await listedNow()).not.toContain(sessionId);
  });

  it("drops a listing whose object fell silent (its alarm failed for good) as ended", async () => {
    const list = await watchList();
    const id = newSessionId();
    const entry = {
      id,
      userId: "u",
      startedAt: T0,
      endedAt: T0,
      bytes: 1,
      status: "live" as const,
      meta: {},
      chunkCount: 1,
      eventCount: 1,
      lastUrl: null,
      device: "unknown" as const,
      rageClicks: 0,
      deadClicks: 0,
    };
    const directory = liveDirectory(env);
    await directory.sessionChanged(entry);
    await sessionFrame(list, id, "listing");
    vi.spyOn(Date, "now").mockReturnValue(Date.now() + LISTING_STALE_MS + SECOND_MS);
    expect(await runDurableObjectAlarm(directory)).toBe(true);
    const dropped = await sessionFrame(list, id, "drop", (e) => e.status === "ended");
    expect(dropped.session).toEqual({ ...entry, status: "ended" });
  });
});
