/** Supplies recording tokens: the static one, or getToken() (called again after a 401). */
export class TokenSource {
  private current: string | null;
  private inflight: Promise<string | null> | null = null;

  constructor(
    token: string | undefined,
    private readonly fetchToken: (() => string | null | undefined | Promise<string | null | undefined>) | undefined,
  ) {
    this.current = typeof token === "string" && token ? token : null;
  }

  /** The last token seen, for sends that cannot wait (keepalive on pagehide). */
  peek(): string | null {
    return this.current;
  }

  /** A token; `refresh` asks getToken() for a new one. Concurrent callers share one call. */
  async get(refresh = false): Promise<string | null> {
    if (this.current && !refresh) return this.current;
    if (!this.fetchToken) return this.current;
    this.inflight ??= (async () => {
      try {
        const t = await this.fetchToken!();
        if (typeof t === "string" && t) this.current = t;
      } catch {
        // The host's token function failed: keep the old token; the sender backs off.
      } finally {
        this.inflight = null;
      }
      return this.current;
    })();
    return this.inflight;
  }
}
