import { describe, expect, it } from "vitest";
import { type Compressor, lazily } from "../../../../recorder/transport/compressor.ts";

/** A compressor that notes what it was asked. */
function fake(log: string[]): Compressor {
  log.push("made");
  return {
    compress: async (text) => (log.push(`compress ${text}`), { bytes: new TextEncoder().encode(text) }),
    send: async (request) => (log.push(`send ${request.url}`), { status: 200, retryAfter: null, body: {} }),
    close: () => void log.push("close"),
  };
}

describe("lazily (the recorder's worker is made at its first job)", () => {
  it("makes nothing until the first job, then one compressor for every job", async () => {
    const log: string[] = [];
    const compressor = lazily(() => fake(log));
    expect(log).toEqual([]);
    await compressor.compress("a");
    await compressor.compress("b");
    compressor.close();
    expect(log).toEqual(["made", "compress a", "compress b", "close"]);
  });

  it("makes it for a send that comes first (chunks left by an earlier page), and sends through it", async () => {
    const log: string[] = [];
    const compressor = lazily(() => fake(log));
    const reply = await compressor.send({ url: "https://r.example/api/replay/upload", token: "t", body: "{}", gzip: false, keepalive: false });
    await compressor.compress("a");
    expect(reply?.status).toBe(200);
    expect(log).toEqual(["made", "send https://r.example/api/replay/upload", "compress a"]);
  });

  it("closed before any job, never makes one, and still answers a later job (on the main thread)", async () => {
    const log: string[] = [];
    const compressor = lazily(() => fake(log));
    compressor.close();
    const late = await compressor.compress("late");
    expect(log).toEqual([]);
    // The main-thread fallback answers with gzip, or null (plain JSON) where the runtime has no gzip.
    if (late) expect([late.bytes[0], late.bytes[1]]).toEqual([0x1f, 0x8b]);
  });
});
