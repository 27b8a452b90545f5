import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { database } from "../../../worker/db/client";
import { listIndexedKeys } from "../../../worker/db/chunk-keys";
import { seedSession } from "../../helpers/worker/seed";
import { storedFor } from "../../helpers/worker/storage";

describe("listIndexedKeys", () => {
  it("tells indexed keys from others in lists longer than one statement's bound parameters", async () => {
    const id = await seedSession("keys-user", Date.now() - 60_000, 3);
    const indexed = (await storedFor(id)).objects;
    const others = Array.from({ length: 250 }, (_, i) => `sessions/${crypto.randomUUID()}/chunks/${String(i).padStart(10, "0")}.bin`);
    // Indexed keys at both ends and in the middle, so every group of the lookup is exercised.
    const keys = [indexed[0], ...others.slice(0, 120), indexed[1], ...others.slice(120), indexed[2]];
    expect(await listIndexedKeys(database(env.DB), keys)).toEqual(new Set(indexed));
    expect(await listIndexedKeys(database(env.DB), [])).toEqual(new Set());
  });
});
