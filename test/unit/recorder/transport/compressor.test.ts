import { describe, expect, it } from "vitest";
import { type Compressor, lazily } from "../../../../recorder/transport/compressor.ts";

/** A compressor that notes what it was asked. */
function fake(log: string[]): Compressor {
  log.push("made");
  return {
    compress: async (text) => (log.push(`compress ${text}`), { bytes: new TextEncoder().encode(text) }),
    close: () => void log.push("close"),
  };
}

describe("lazily (the compression worker is made at the first chunk)", () => {
  it("makes nothing until the first job, then one compressor for every job", async () => {
    const log: string[] = [];
    const compressor = lazily(() => fake(log));
    expect(log).toEqual([]);
    await compressor.compress("a");
    await compressor.compress("b");
    compressor.close();
    expect(log).toEqual(["made", "compress a", "compress b", "close"]);
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
