import { describe, expect, it } from "vitest";
import { mintToken } from "../../helpers/tokens";
import { expectError } from "../../helpers/worker/http";
import { postUpload, sendUntilLimited, uploadBody } from "../../helpers/worker/upload";
import { countRows } from "../../helpers/worker/storage";
import { rejectedCount } from "../../helpers/worker/metrics";

/** The UPLOAD_LIMITER binding's budget per user and minute (wrangler.toml). */
const UPLOADS_PER_MINUTE = 240;

describe("per-user upload rate limit", () => {
  it("answers 429 with Retry-After once a user's budget is spent, stores nothing, and leaves other users alone", async () => {
    const token = await mintToken("flooder");
    // Spend the budget cheaply: the limiter counts before the body is read, so empty bodies do.
    // The limiter's windows are fixed minutes, so a run that crosses one starts counting again:
    // allow for one boundary, and the budget must still run out.
    const limited = await sendUntilLimited(2 * UPLOADS_PER_MINUTE + 5, 400, () => postUpload(token, ""));
    await expectError(limited, 429, "rate_limited");

    // A valid chunk is refused as well, and nothing of it is stored.
    const body = uploadBody();
    await expectError(await postUpload(token, JSON.stringify(body)), 429, "rate_limited");
    expect(await countRows("sessions", "id = ?", body.sessionId)).toBe(0);

    // Another user is not affected.
    expect((await postUpload(await mintToken("calm-user"), JSON.stringify(uploadBody()))).status).toBe(200);

    // Rejections are counted by code for the metrics API.
    expect(await rejectedCount("rate_limited")).toBeGreaterThanOrEqual(1);
  }, 120_000); // up to 485 sequential requests: generous on a loaded 2-core machine
});
