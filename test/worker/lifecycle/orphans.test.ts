import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { database } from "../../../worker/db/client";
import { ORPHAN_GRACE_MS, findMissingObjects, reapOrphans } from "../../../worker/lifecycle/orphans";
import { seedSession } from "../../helpers/worker/seed";
import { storedFor } from "../../helpers/worker/storage";
import { flushIndex } from "../../helpers/worker/session-object";

describe("consistency between R2 and D1", () => {
  it("reaps chunk objects without a row only after the grace period, and never touches foreign keys", async () => {
    const db = database(env.DB);
    const now = Date.now();
    const kept = await seedSession("orph-user", now - 60_000);
    const orphanKey = `sessions/${crypto.randomUUID()}/chunks/0000000003.bin`;
    const orphanSegment = `sessions/${crypto.randomUUID()}/segments/0000000024-0123456789abcdef.bin`;
    const foreign = ["backups/2026/dump.sql", `sessions/${kept}/notes.txt`, "sessions/not-a-uuid/chunks/0000000000.bin", `sessions/${kept}/segments/x.bin`];
    await env.CHUNKS.put(orphanKey, new Uint8Array([1, 2, 3]));
    await env.CHUNKS.put(orphanSegment, new Uint8Array([4, 5, 6]));
    for (const key of foreign) await env.CHUNKS.put(key, "keep me");

    // Inside the grace period, the upload that wrote it may still be indexing it.
    expect(await reapOrphans(env, db, now)).toBe(0);
    expect(await env.CHUNKS.head(orphanKey)).not.toBeNull();

    // After it (by then the session's object has written its index), the orphan goes; indexed chunks and keys outside our scheme stay.
    await flushIndex(kept);
    const later = now + ORPHAN_GRACE_MS + 60_000;
    let removed = 0;
    for (let i = 0; i < 3; i++) removed += await reapOrphans(env, db, later); // resumable scan: wraps around
    expect(removed).toBe(2);
    expect(await env.CHUNKS.head(orphanKey)).toBeNull();
    expect(await env.CHUNKS.head(orphanSegment)).toBeNull();
    for (const key of foreign) expect(await env.CHUNKS.head(key)).not.toBeNull();
    // Its two chunks, one segment, which their rows name.
    expect((await storedFor(kept)).objects.filter((k) => k.endsWith(".bin") && !k.endsWith("/x.bin"))).toHaveLength(1);
  });

  it("reports rows whose object is gone without deleting anything", async () => {
    const db = database(env.DB);
    const id = await seedSession("orph-user-2", Date.now() - 60_000);
    const key = (await storedFor(id)).objects[0];
    await env.CHUNKS.delete(key);
    expect(await findMissingObjects(env, db, 1000)).toContain(key);
    expect((await storedFor(id)).chunkRows).toBe(2);
  });
});
