/** The first retry waits up to this long; each failure in a row doubles it... */
export const RETRY_BASE_MS = 500;
/** ...up to this (contract §9: reopened with exponential backoff and jitter). */
export const RETRY_CAP_MS = 30_000;

/** What a live socket is doing, for the connection indicator. */
export type LiveConnection = { state: "connecting" } | { state: "open" } | { state: "retrying"; at: number } | { state: "closed" };

/** What a socket reports; `data` is a text frame. */
export interface SocketEvents {
  open(): void;
  message(data: unknown): void;
  close(): void;
}

/** Opens a WebSocket to `url`; the browser's in the app, a fake one in tests. */
export type OpenSocket = (url: string, on: SocketEvents) => { close(): void };

/** The browser's WebSocket (an error is always followed by a close, so close alone is enough). */
const openBrowserSocket: OpenSocket = (url, on) => {
  const ws = new WebSocket(url);
  ws.onopen = () => on.open();
  ws.onmessage = (e) => on.message(e.data);
  ws.onclose = () => on.close();
  return { close: () => ws.close() };
};

/**
 * Delay before retry number `attempt` (0 first): "full jitter", random(0, min(cap, base·2^attempt)),
 * so that viewers dropped together (a deploy, a network blip) do not come back together.
 */
export function retryDelay(attempt: number, random: () => number = Math.random): number {
  return random() * Math.min(RETRY_CAP_MS, RETRY_BASE_MS * 2 ** attempt);
}

export interface LiveSocketOptions {
  /** The URL of the next attempt, with a fresh ticket: a ticket is single-use (contract §9). */
  connectUrl(): Promise<string>;
  /** Every frame that is JSON, parsed; the others are dropped. */
  onFrame(frame: unknown): void;
  onConnection(connection: LiveConnection): void;
  openSocket?: OpenSocket;
  random?: () => number;
}

/**
 * One live feed (the list of live sessions, or one session): opens its socket with a fresh ticket,
 * and whenever the socket drops or cannot be opened, tries again after `retryDelay`. Only `stop()`
 * ends it (the page was left, or the session was erased).
 */
export class LiveSocket {
  private socket: { close(): void } | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** Failures in a row; a frame received proves the connection works and resets it. */
  private failures = 0;
  /** Bumped per attempt, so late events of an earlier socket are ignored. */
  private attempt = 0;
  private stopped = false;

  constructor(private readonly options: LiveSocketOptions) {}

  start(): void {
    void this.connect();
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearTimeout(this.timer);
    this.socket?.close();
    this.socket = null;
    this.options.onConnection({ state: "closed" });
  }

  private async connect() {
    const attempt = ++this.attempt;
    this.options.onConnection({ state: "connecting" });
    let url: string;
    try {
      url = await this.options.connectUrl();
    } catch {
      // No ticket (network, 429, the route not deployed yet): the same backoff as a dropped socket.
      return this.retry();
    }
    if (this.stopped || attempt !== this.attempt) return;
    const current = () => !this.stopped && attempt === this.attempt;
    const open = this.options.openSocket ?? openBrowserSocket;
    this.socket = open(url, {
      open: () => current() && this.options.onConnection({ state: "open" }),
      message: (data) => {
        if (!current()) return;
        this.failures = 0;
        const frame = parseJson(data);
        if (frame !== undefined) this.options.onFrame(frame);
      },
      close: () => {
        if (!current()) return;
        this.socket = null;
        this.retry();
      },
    });
  }

  private retry() {
    if (this.stopped) return;
    const delay = retryDelay(this.failures++, this.options.random);
    this.options.onConnection({ state: "retrying", at: Date.now() + delay });
    this.timer = setTimeout(() => void this.connect(), delay);
  }
}

function parseJson(data: unknown): unknown {
  if (typeof data !== "string") return undefined;
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}
