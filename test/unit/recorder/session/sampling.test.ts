import { describe, expect, it } from "vitest";
import { isSampledIn } from "../../../../recorder/session/sampling.ts";
import { MemoryStorage } from "../../../helpers/recorder/memory-storage.ts";

describe("isSampledIn", () => {
  it("records every tab at 1 and none at 0, without touching storage", () => {
    const storage = new MemoryStorage();
    expect(isSampledIn(storage, 1, () => 0.99)).toBe(true);
    expect(isSampledIn(storage, 0, () => 0)).toBe(false);
    expect(storage.keys()).toEqual([]);
  });

  it("decides once per tab and keeps the decision across reloads", () => {
    const storage = new MemoryStorage();
    expect(isSampledIn(storage, 0.5, () => 0.7)).toBe(false);
    expect(isSampledIn(storage, 0.5, () => 0.1)).toBe(false);
    const other = new MemoryStorage();
    expect(isSampledIn(other, 0.5, () => 0.1)).toBe(true);
    expect(isSampledIn(other, 0.5, () => 0.9)).toBe(true);
  });

  it("decides for the page alone when storage is blocked", () => {
    const blocked = new MemoryStorage();
    blocked.blocked = true;
    expect(isSampledIn(blocked, 0.5, () => 0.1)).toBe(true);
  });
});
