import { describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:workers";
import { database } from "../../../worker/db/client";
import { oneSession, shredSessions } from "../../../worker/db/erasure-queries";
import { finishErasures } from "../../../worker/lifecycle/erase";
import { sessionPrefix } from "../../../worker/storage/keys";
import { seedSession } from "../../helpers/worker/seed";
import { ERASED, storedFor } from "../../helpers/worker/storage";

describe("finishErasures", () => {
  it("deletes a shredded session's objects under the prefix its row records, then its rows", async () => {
    const db = database(env.DB);
    const id = await seedSession("erase-user", Date.now() - 60_000, 3);
    const row = await env.DB.prepare("SELECT storage_key FROM sessions WHERE id = ?").bind(id).first("storage_key");
    expect(row).toBe(sessionPrefix(id));
    await shredSessions(db, oneSession(id), Date.now());
    expect(await finishErasures(env, db, 25, [id])).toBe(1);
    expect(await storedFor(id)).toEqual(ERASED);
  });

  it("never deletes outside the session's own prefix, even when its row names another", async () => {
    const db = database(env.DB);
    const bystander = await seedSession("erase-bystander", Date.now() - 60_000);
    const tampered = await seedSession("erase-user-2", Date.now() - 60_000);
    // The bystander's two chunks in R2 (one segment), so a wrong delete would show.
    expect((await storedFor(bystander)).objects).toHaveLength(1);
    await env.DB.prepare("UPDATE sessions SET storage_key = ? WHERE id = ?").bind(sessionPrefix(bystander), tampered).run();
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    await shredSessions(db, oneSession(tampered), Date.now());

    expect(await finishErasures(env, db, 25, [tampered])).toBe(0);
    expect((await storedFor(bystander)).objects).toHaveLength(1);
    // The tampered session stays shredded and hidden, with its row, for an operator to look at.
    expect(await storedFor(tampered)).toMatchObject({ sessionRows: 1, keyRows: 0 });
    expect(errors.mock.calls.map(([line]) => JSON.parse(String(line)))).toContainEqual(
      expect.objectContaining({ msg: "erasing session has a storage key outside its prefix", sessionId: tampered }),
    );
    errors.mockRestore();
  });
});
