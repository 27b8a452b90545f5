import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { adminToken } from "./admin";
import { BASE, callAs } from "./http";
import { liveDirectory } from "../../../worker/live/live-directory";
import { newTicket, TICKET_TTL_MS, type TicketTarget } from "../../../worker/live/tickets";
import { SESSION_HEADER } from "../../../worker/live/accept-socket";

/** A frame as a viewer receives it (JSON text, contract §9). */
export type Frame = { type: string } & Record<string, unknown>;

/** How long a test waits for a frame or a close before failing. */
const WAIT_MS = 5_000;

/** POST /api/admin/live/tickets as admin `sub`. */
export async function mintTicket(body: Record<string, unknown> = {}, sub = "root"): Promise<Response> {
  return callAs(await adminToken(sub), "/api/admin/live/tickets", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
}

/** Mints a ticket through the API and returns it. */
export async function ticketFor(sessionId?: string, sub = "root"): Promise<string> {
  const res = await mintTicket(sessionId ? { sessionId } : {}, sub);
  expect(res.status).toBe(201);
  return (await res.json<{ ticket: string }>()).ticket;
}

/** Puts a ticket straight into the directory, past the minting limit (to spend the upgrade limit). */
export async function plantTicket(target: TicketTarget, mintedBy: string): Promise<string> {
  const { ticket, hash } = await newTicket();
  await liveDirectory(env).storeTicket({ hash, target, mintedBy, expiresAt: Date.now() + TICKET_TTL_MS });
  return ticket;
}

/** An upgrade request to a live route through the worker, from the admin UI's origin unless told otherwise. */
export function upgrade(path: string, opts: { origin?: string | null } = {}): Promise<Response> {
  const headers = new Headers({ Upgrade: "websocket" });
  const origin = opts.origin === undefined ? BASE : opts.origin;
  if (origin !== null) headers.set("Origin", origin);
  return SELF.fetch(new URL(path, BASE), { headers });
}

/** A viewer's end of a live socket: every frame it gets, in order, and how it closed. */
export class Viewer {
  readonly frames: Frame[] = [];
  readonly closed: Promise<CloseEvent>;
  private waiters: Array<() => void> = [];

  constructor(readonly socket: WebSocket) {
    this.closed = new Promise((resolve) => socket.addEventListener("close", resolve));
    socket.addEventListener("message", (event) => {
      this.frames.push(JSON.parse(typeof event.data === "string" ? event.data : new TextDecoder().decode(event.data)));
      for (const wake of this.waiters.splice(0)) wake();
    });
    socket.accept();
  }

  /** Resolves with the first frame (from the start) that `match` accepts, waiting up to WAIT_MS. */
  async waitFor(match: (f: Frame) => boolean, what = "a matching frame"): Promise<Frame> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const found = this.frames.find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${what} within ${WAIT_MS} ms; got ${JSON.stringify(this.frames.map((f) => f.type))}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  /** The frames of one type, in order. */
  ofType(type: string): Frame[] {
    return this.frames.filter((f) => f.type === type);
  }

  /** Closes from the viewer's side and waits for the close to finish. */
  async leave(): Promise<void> {
    this.socket.close(1000, "done");
    await this.closed;
  }
}

/** The viewer on an upgrade's answer; fails unless the answer is 101 with a socket. */
export function viewerOf(res: Response): Viewer {
  expect(res.status).toBe(101);
  if (!res.webSocket) throw new Error("no WebSocket on the 101 answer");
  return new Viewer(res.webSocket);
}

/** Opens a session's live socket through the API (ticket, then upgrade) and waits for its hello. */
export async function watchSession(sessionId: string, sub = "root"): Promise<Viewer> {
  const viewer = viewerOf(await upgrade(`/api/admin/sessions/${sessionId}/live?ticket=${await ticketFor(sessionId, sub)}`));
  await viewer.waitFor((f) => f.type === "hello", "hello");
  return viewer;
}

/** Opens the list socket through the API and waits for its first frame. */
export async function watchList(sub = "root"): Promise<Viewer> {
  const viewer = viewerOf(await upgrade(`/api/admin/live?ticket=${await ticketFor(undefined, sub)}`));
  await viewer.waitFor((f) => f.type === "sessions", "sessions");
  return viewer;
}

/** The session's object, and an upgrade straight to it (as the live route forwards one), in the Workers SDK fixture's pattern. */
export function sessionStub(sessionId: string) {
  return env.SESSIONS.get(env.SESSIONS.idFromName(sessionId));
}

export async function openOnObject(sessionId: string): Promise<Viewer> {
  const res = await sessionStub(sessionId).fetch("https://object/", { headers: { Upgrade: "websocket", [SESSION_HEADER]: sessionId } });
  const viewer = viewerOf(res);
  await viewer.waitFor((f) => f.type === "hello", "hello");
  return viewer;
}

/** The events a chunk's signed URL returns (the URL from the admin detail, read without a token). */
export async function signedUrlEvents(sessionId: string, seq: number): Promise<unknown[]> {
  const detail = await (await callAs(await adminToken(), `/api/admin/sessions/${sessionId}`)).json<{ chunks: Array<{ seq: number; url: string }> }>();
  const chunk = detail.chunks.find((c) => c.seq === seq);
  if (!chunk) throw new Error(`chunk ${seq} not listed`);
  const res = await SELF.fetch(chunk.url);
  expect(res.status).toBe(200);
  return res.json();
}

/** The tables in an object's SQLite and its alarm: both empty once it has forgotten its session. */
export async function objectStorage(stub: DurableObjectStub) {
  const { runInDurableObject } = await import("cloudflare:test");
  return runInDurableObject(stub, async (_instance, state) => ({
    tables: state.storage.sql
      .exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_cf\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'")
      .toArray()
      .map((r) => r.name),
    alarm: await state.storage.getAlarm(),
  }));
}
