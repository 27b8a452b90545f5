import { describe, expect, it } from "vitest";
import { readAdminMetrics } from "../../helpers/worker/metrics";
import { d1Recording } from "../../helpers/worker/d1";
import { callWithEnv, expectError } from "../../helpers/worker/http";
import { mintToken } from "../../helpers/tokens";
import { uploadBody, uploadRequest } from "../../helpers/worker/upload";

const FLOOD = 200;

async function rejectedByCode(): Promise<Record<string, number>> {
  return (await readAdminMetrics()).rejectedByCode;
}

/** The statements are metric inserts and nothing else, one to three of them: the tally merged the requests' counts. */
function expectOnlyMergedMetricWrites(statements: string[]) {
  const metricWrites = statements.filter((q) => /^insert into "metrics"/i.test(q));
  expect(metricWrites.length).toBeGreaterThanOrEqual(1);
  expect(metricWrites.length).toBeLessThanOrEqual(3);
  expect(statements).toHaveLength(metricWrites.length);
}

describe("counting refused uploads", () => {
  it("writes a flood of refusals in a couple of D1 statements, and the metrics API still counts every one", async () => {
    const before = await rejectedByCode();
    const { binding, statements } = d1Recording();
    const body = JSON.stringify(uploadBody());
    // An anonymous flood, all at once: no token, so each is refused before any other work.
    const answers = await Promise.all(Array.from({ length: FLOOD }, () => callWithEnv({ DB: binding } as never, uploadRequest(null, body))));
    for (const res of answers) await expectError(res, 401, "missing_token");

    // One write at the first refusal, one for the rest of the interval (each request's D1 use is on `binding`).
    expectOnlyMergedMetricWrites(statements);

    const after = await rejectedByCode();
    expect((after.missing_token ?? 0) - (before.missing_token ?? 0)).toBe(FLOOD);
  });

  it("counts stored chunks the same way: the upload worker itself sends D1 nothing but merged metrics", async () => {
    const { binding, statements } = d1Recording();
    const token = await mintToken("tally-user");
    // Separate sessions, all at once (the objects write their own claims; only the route's D1 is recorded here).
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => callWithEnv({ DB: binding } as never, uploadRequest(token, JSON.stringify(uploadBody())))),
    );
    for (const res of answers) expect(res.status).toBe(200);
    expectOnlyMergedMetricWrites(statements);
  });
});
