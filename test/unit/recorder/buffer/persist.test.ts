import { describe, expect, it } from "vitest";
import type { Chunk } from "../../../../recorder/buffer/chunk.ts";
import { Outbox } from "../../../../recorder/buffer/outbox.ts";
import { ChunkStore } from "../../../../recorder/buffer/persist.ts";
import { OUTBOX_MAX_BYTES, OUTBOX_STORAGE_PREFIX, PERSIST_MAX_AGE_MS, PERSIST_MAX_CHARS } from "../../../../recorder/constants.ts";
import { MemoryStorage } from "../../../helpers/recorder/memory-storage.ts";

const SESSION = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
const NOW = 1_767_225_600_000;
const key = (seq: number, sessionId = SESSION) => `${OUTBOX_STORAGE_PREFIX}${sessionId}:${seq}`;

function chunk(seq: number, body: string | Uint8Array = `{"seq":${seq}}`, createdAt = NOW + seq): Chunk {
  return { sessionId: SESSION, seq, body, gzip: typeof body !== "string", createdAt, ready: Promise.resolve(), persisted: false };
}

describe("ChunkStore", () => {
  it("opens storage only when first used, and once", () => {
    const storage = new MemoryStorage();
    let opened = 0;
    const store = new ChunkStore(() => (opened++, storage));
    expect(opened).toBe(0);
    expect(store.save(chunk(0))).toBe(true);
    expect(store.loadAll(NOW).map((c) => c.seq)).toEqual([0]);
    expect(opened).toBe(1);
  });

  it("reads back JSON and gzip chunks, oldest first", () => {
    const storage = new MemoryStorage();
    const store = new ChunkStore(storage);
    expect(store.save(chunk(1, new Uint8Array([31, 139, 8, 0, 255])))).toBe(true);
    expect(store.save(chunk(0))).toBe(true);
    const loaded = new ChunkStore(storage).loadAll(NOW);
    expect(loaded.map((c) => [c.seq, c.gzip, c.body])).toEqual([
      [0, false, '{"seq":0}'],
      [1, true, new Uint8Array([31, 139, 8, 0, 255])],
    ]);
    expect(loaded.every((c) => c.persisted && c.sessionId === SESSION)).toBe(true);
  });

  it("drops every entry that is not a valid chunk, and keeps the good one", () => {
    const storage = new MemoryStorage();
    new ChunkStore(storage).save(chunk(0));
    const bad: Record<string, string> = {
      [key(1)]: "not json",
      [key(2)]: JSON.stringify({ e: "j", b: 12345, t: NOW }), // a number body: a NaN byte count once queued
      [key(3)]: JSON.stringify({ e: "g", b: "!!not base64!!", t: NOW }),
      [key(4)]: JSON.stringify({ e: "x", b: "{}", t: NOW }),
      [key(5)]: JSON.stringify({ e: "j", b: "{}", t: "yesterday" }),
      [key(6)]: JSON.stringify({ e: "j", b: "{}", t: NOW - PERSIST_MAX_AGE_MS - 1 }),
      [key(7)]: "null",
      [key(8)]: JSON.stringify({ e: "j", b: "", t: NOW }),
      [`${OUTBOX_STORAGE_PREFIX}not-a-session:1`]: JSON.stringify({ e: "j", b: "{}", t: NOW }),
      [`${OUTBOX_STORAGE_PREFIX}${SESSION}:-1`]: JSON.stringify({ e: "j", b: "{}", t: NOW }),
      [`${OUTBOX_STORAGE_PREFIX}${SESSION}:01`]: JSON.stringify({ e: "j", b: "{}", t: NOW }),
      [`${OUTBOX_STORAGE_PREFIX}${SESSION}:1:2`]: JSON.stringify({ e: "j", b: "{}", t: NOW }),
    };
    for (const [k, v] of Object.entries(bad)) storage.setItem(k, v);
    storage.setItem("host-app:settings", "{}");
    const loaded = new ChunkStore(storage).loadAll(NOW);
    expect(loaded.map((c) => c.seq)).toEqual([0]);
    expect(storage.keys().sort()).toEqual([key(0), "host-app:settings"].sort());
  });

  it("keeps the outbox's byte bound working after a corrupt entry", () => {
    const storage = new MemoryStorage();
    storage.setItem(key(0), JSON.stringify({ e: "j", b: 12345, t: NOW }));
    const store = new ChunkStore(storage);
    const box = new Outbox(store);
    box.addRecovered(store.loadAll(NOW));
    expect(box.add(chunk(1, "x".repeat(OUTBOX_MAX_BYTES)))).toBe(true);
    expect(box.add(chunk(2, "x"))).toBe(false);
  });

  it("counts what earlier pages left before its own first write (no load needed)", () => {
    const storage = new MemoryStorage();
    const big = "x".repeat(PERSIST_MAX_CHARS - 100);
    expect(new ChunkStore(storage).save(chunk(0, big))).toBe(true);
    // A new page load: the idle-time loadAll has not run yet.
    const next = new ChunkStore(storage);
    expect(next.save(chunk(1, "y".repeat(200)))).toBe(false);
    expect(storage.getItem(key(1))).toBeNull();
    expect(next.save(chunk(1, "y"))).toBe(true);
  });

  it("has room again once chunks are removed", () => {
    const storage = new MemoryStorage();
    const store = new ChunkStore(storage);
    const half = "x".repeat(PERSIST_MAX_CHARS / 2);
    expect(store.save(chunk(0, half))).toBe(true);
    expect(store.save(chunk(1, half))).toBe(false);
    store.remove(SESSION, 0);
    expect(store.save(chunk(1, half))).toBe(true);
  });

  it("brings storage back under PERSIST_MAX_CHARS on load, dropping the oldest", () => {
    const storage = new MemoryStorage();
    const third = "x".repeat(Math.floor(PERSIST_MAX_CHARS / 3));
    // Two tabs each wrote within their own count: together they are over the bound.
    for (const seq of [0, 1]) new ChunkStore(storage).save(chunk(seq, third));
    storage.setItem(key(2), JSON.stringify({ e: "j", b: third, t: NOW + 2 }));
    storage.setItem(key(3), JSON.stringify({ e: "j", b: third, t: NOW + 3 }));
    const store = new ChunkStore(storage);
    expect(store.loadAll(NOW).map((c) => c.seq)).toEqual([2, 3]);
    const left = storage.keys().reduce((sum, k) => sum + storage.getItem(k)!.length, 0);
    expect(left).toBeLessThanOrEqual(PERSIST_MAX_CHARS);
    expect(storage.getItem(key(0))).toBeNull();
  });

  it("works without storage, blocked or full", () => {
    expect(new ChunkStore(null).save(chunk(0))).toBe(false);
    expect(new ChunkStore(null).loadAll(NOW)).toEqual([]);
    const blocked = new MemoryStorage();
    blocked.blocked = true;
    expect(new ChunkStore(blocked).save(chunk(0))).toBe(false);
    expect(new ChunkStore(blocked).loadAll(NOW)).toEqual([]);
    const full = new MemoryStorage(50);
    expect(new ChunkStore(full).save(chunk(0, "x".repeat(100)))).toBe(false);
  });
});
