import { describe, expect, it } from "vitest";
import { isSampledIn } from "../../../../recorder/session/sampling.ts";
import { MemoryStorage } from "../../../helpers/recorder/memory-storage.ts";

describe("isSampledIn", () => {
  it("records every tab at 1 and none at 0, without touching storage", () => {
    const storage = new MemoryStorage();
    expect([isSampledIn(storage, 1, () => 0.99), isSampledIn(storage, 0, () => 0)]).toEqual([true, false]);
    expect(storage.keys()).toEqual([]);
  });

  it("decides once per tab and keeps the decision across reloads", () => {
    // Each tab's first draw decides; later draws (reloads) do not change it.
    const out = new MemoryStorage();
    expect([0.7, 0.1].map((draw) => isSampledIn(out, 0.5, () => draw))).toEqual([false, false]);
    const kept = new MemoryStorage();
    expect([0.1, 0.9].map((draw) => isSampledIn(kept, 0.5, () => draw))).toEqual([true, true]);
  });

  it("decides for the page alone when storage is blocked", () => {
    const blocked = new MemoryStorage();
    blocked.blocked = true;
    expect(isSampledIn(blocked, 0.5, () => 0.1)).toBe(true);
  });
});
