import { describe, expect, it } from "vitest";
import { fromBase64, toBase64 } from "../../../protocol/base64.ts";

const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe("base64", () => {
  it("encodes the RFC 4648 test vectors", () => {
    const vectors: Array<[string, string]> = [
      ["", ""],
      ["f", "Zg=="],
      ["fo", "Zm8="],
      ["foo", "Zm9v"],
      ["foob", "Zm9vYg=="],
      ["fooba", "Zm9vYmE="],
      ["foobar", "Zm9vYmFy"],
    ];
    for (const [text, b64] of vectors) {
      expect(toBase64(ascii(text))).toBe(b64);
      expect(fromBase64(b64)).toEqual(ascii(text));
    }
  });

  it("round-trips every byte value, also past one fromCharCode batch (32 KiB)", () => {
    const bytes = new Uint8Array(100_000).map((_, i) => (i * 7919) % 256);
    const back = fromBase64(toBase64(bytes));
    expect(back.length).toBe(bytes.length);
    expect(back.every((b, i) => b === bytes[i])).toBe(true);
  });

  it("throws on text that is not base64", () => {
    expect(() => fromBase64("not base64!")).toThrow();
  });
});
