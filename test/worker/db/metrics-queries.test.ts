import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { database } from "../../../worker/db/client";
import { addMetrics, pruneMetrics, readMetrics } from "../../../worker/db/metrics-queries";
import { MINUTE_MS } from "../../helpers/worker/time";

describe("metric counters", () => {
  it("add up per minute, name and label, within one call and across calls; zero increments write nothing", async () => {
    const db = database(env.DB);
    const minute = 1_899_999_960_000; // a whole minute of its own, apart from anything else in this file
    const t = minute + 1_000;
    await addMetrics(db, t, [
      { name: "rejected", label: "bad_json", value: 1 },
      { name: "rejected", label: "bad_json", value: 2 },
      { name: "rejected", label: "too_deep", value: 1 },
      { name: "uploads", value: 0 },
    ]);
    await addMetrics(db, t + 30_000, [{ name: "rejected", label: "bad_json", value: 4 }]);
    await addMetrics(db, t + MINUTE_MS, [{ name: "uploads", value: 5 }]);

    const rows = (await readMetrics(db, minute)).filter((r) => r.minute <= minute + MINUTE_MS);
    expect(rows).toEqual(
      expect.arrayContaining([
        { minute, name: "rejected", label: "bad_json", value: 7 },
        { minute, name: "rejected", label: "too_deep", value: 1 },
        { minute: minute + MINUTE_MS, name: "uploads", label: "", value: 5 },
      ]),
    );
    expect(rows).toHaveLength(3);

    expect(await pruneMetrics(db, minute + MINUTE_MS)).toBeGreaterThanOrEqual(2);
    expect((await readMetrics(db, minute)).filter((r) => r.minute <= minute + MINUTE_MS)).toEqual([
      { minute: minute + MINUTE_MS, name: "uploads", label: "", value: 5 },
    ]);
  });
});
