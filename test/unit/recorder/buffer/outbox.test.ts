import { describe, expect, it } from "vitest";
import type { Chunk } from "../../../../recorder/buffer/chunk.ts";
import { Outbox } from "../../../../recorder/buffer/outbox.ts";
import { ChunkStore } from "../../../../recorder/buffer/persist.ts";
import { OUTBOX_MAX_BYTES, OUTBOX_MAX_CHUNKS, OUTBOX_STORAGE_PREFIX } from "../../../../recorder/constants.ts";
import { MemoryStorage } from "../../../helpers/recorder/memory-storage.ts";

const SESSION = "3f2504e0-4f89-41d3-9a0c-0305e82c3301";
const OTHER = "9b2d1c3e-1111-4222-8333-444455556666";

function chunk(seq: number, body: string | Uint8Array = `{"seq":${seq}}`, sessionId = SESSION): Chunk {
  return { sessionId, seq, body, gzip: typeof body !== "string", createdAt: 1_767_225_600_000 + seq, ready: Promise.resolve(), persisted: false };
}

/** An outbox whose deferred writes wait in `later` until the test runs them. */
function outbox(storage = new MemoryStorage()) {
  const later: Array<() => void> = [];
  const runLater = () => {
    for (const fn of later.splice(0)) fn();
  };
  return { storage, box: new Outbox(new ChunkStore(storage), (fn) => later.push(fn)), runLater };
}

describe("Outbox", () => {
  it("queues in order and ignores a chunk it already has", () => {
    const { box } = outbox();
    expect(box.add(chunk(0))).toBe(true);
    expect(box.add(chunk(1))).toBe(true);
    expect(box.add(chunk(0))).toBe(true);
    expect(box.list().map((c) => c.seq)).toEqual([0, 1]);
    expect(box.first()?.seq).toBe(0);
  });

  it("refuses past OUTBOX_MAX_CHUNKS", () => {
    const { box } = outbox();
    for (let seq = 0; seq < OUTBOX_MAX_CHUNKS; seq++) expect(box.add(chunk(seq, "x"))).toBe(true);
    expect(box.add(chunk(OUTBOX_MAX_CHUNKS, "x"))).toBe(false);
    expect(box.list()).toHaveLength(OUTBOX_MAX_CHUNKS);
  });

  it("refuses past OUTBOX_MAX_BYTES, and has room again once a chunk leaves", () => {
    const { box } = outbox();
    const half = "x".repeat(OUTBOX_MAX_BYTES / 2);
    expect(box.add(chunk(0, half))).toBe(true);
    expect(box.add(chunk(1, half))).toBe(true);
    expect(box.add(chunk(2, "x"))).toBe(false);
    box.remove(box.first()!);
    expect(box.add(chunk(2, "x"))).toBe(true);
  });

  it("counts a compressed body at its new size", () => {
    const { box, storage, runLater } = outbox();
    const c = chunk(0, "x".repeat(OUTBOX_MAX_BYTES));
    expect(box.add(c)).toBe(true);
    expect(box.add(chunk(1, "x"))).toBe(false);
    box.setBody(c, new Uint8Array(10), "AAAAAAAAAAAAAA==");
    expect(box.add(chunk(1, "x"))).toBe(true);
    // The smaller form is what is persisted, a moment later.
    expect(storage.keys()).toEqual([]);
    runLater();
    expect(JSON.parse(storage.getItem(`${OUTBOX_STORAGE_PREFIX}${SESSION}:0`)!)).toMatchObject({ e: "g", b: "AAAAAAAAAAAAAA==" });
  });

  it("never writes a compressed chunk that was acknowledged before the moment came, and replaces a plain one it had written", () => {
    const { box, storage, runLater } = outbox();
    const sent = chunk(0);
    const plain = chunk(1);
    box.add(sent);
    box.add(plain);
    box.persistAll();
    box.setBody(sent, new Uint8Array(4), "AAAAAA==");
    box.setBody(plain, new Uint8Array(4), "AAAAAA==");
    box.remove(sent);
    // Until then the plain copy stays.
    expect(JSON.parse(storage.getItem(`${OUTBOX_STORAGE_PREFIX}${SESSION}:1`)!)).toMatchObject({ e: "j" });
    runLater();
    expect(storage.keys()).toEqual([`${OUTBOX_STORAGE_PREFIX}${SESSION}:1`]);
    expect(JSON.parse(storage.getItem(`${OUTBOX_STORAGE_PREFIX}${SESSION}:1`)!)).toMatchObject({ e: "g", b: "AAAAAA==" });
  });

  it("puts recovered chunks first, skipping ones it has and ones past its bounds", () => {
    const { box } = outbox();
    box.add(chunk(5));
    box.addRecovered([chunk(3), chunk(4), chunk(5), chunk(6, "x".repeat(OUTBOX_MAX_BYTES))]);
    expect(box.list().map((c) => c.seq)).toEqual([3, 4, 5]);
  });

  it("removes a chunk from memory and storage", () => {
    const { box, storage } = outbox();
    const c = chunk(0);
    box.add(c);
    box.persistAll();
    expect(storage.keys()).toEqual([`${OUTBOX_STORAGE_PREFIX}${SESSION}:0`]);
    box.remove(c);
    expect(box.list()).toEqual([]);
    expect(storage.keys()).toEqual([]);
  });

  it("drops every chunk of a session the server will not take", () => {
    const { box } = outbox();
    box.add(chunk(0));
    box.add(chunk(0, "{}", OTHER));
    box.add(chunk(1));
    box.removeSession(SESSION);
    expect(box.list().map((c) => c.sessionId)).toEqual([OTHER]);
  });
});
