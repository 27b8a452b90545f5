import { beforeEach, vi } from "vitest";
import { newest } from "../../../helpers/newest.ts";
import type { SocketEvents } from "../../../../admin-ui/src/live/live-socket.ts";

/**
 * A WebSocket the test drives by hand, as a browser's behaves: the server opens it, sends frames,
 * closes it; `close()` from the page is answered by a close event later.
 */
export class FakeWebSocket {
  static opened: FakeWebSocket[] = [];
  closedByPage = false;

  constructor(
    readonly url: string,
    private readonly on: SocketEvents,
  ) {
    FakeWebSocket.opened.push(this);
  }

  /** The latest socket the page opened. */
  static last(): FakeWebSocket {
    return newest(FakeWebSocket.opened, "no socket was opened");
  }

  static reset() {
    FakeWebSocket.opened = [];
  }

  /** The factory LiveSocket takes (`openSocket`). */
  static open = (url: string, on: SocketEvents) => new FakeWebSocket(url, on);

  accept() {
    this.on.open();
  }

  send(frame: unknown) {
    this.on.message(typeof frame === "string" ? frame : JSON.stringify(frame));
  }

  /** The server (or the network) drops the connection. */
  drop() {
    this.on.close();
  }

  close() {
    this.closedByPage = true;
    queueMicrotask(() => this.on.close());
  }
}

/** Fake timers and a fresh list of sockets for every test of the calling file (real timers again after: the unit setup). */
export function useFakeSockets() {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeWebSocket.reset();
  });
}
