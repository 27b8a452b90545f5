import { describe, expect, it } from "vitest";
import { mintToken } from "../../helpers/tokens";
import { call, callAs, expectError } from "../../helpers/worker/http";
import { adminFetch, adminGet } from "../../helpers/worker/admin";
import { seedSession } from "../../helpers/worker/seed";

interface OpsStatus {
  pendingDeletionRequests: Array<{ id: string; userId: string | null; sessionId: string | null; requestedAt: number; source: string }>;
  sessionsBeingErased: number;
  keysAwaitingRewrap: number;
  currentMasterKeyId: string;
  storedSessions: number;
  storedBytes: number;
}

describe("/api/admin/ops (mounted under the admin app)", () => {
  it("needs an admin token, like every admin route", async () => {
    const user = await mintToken("ops-user");
    const notAdmin = await mintToken("ops-user", { kind: "admin" });
    const post = { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" };
    await expectError(await call("/api/admin/ops/status"), 401, "missing_token");
    await expectError(await callAs(user, "/api/admin/ops/status"), 401, "invalid_token");
    await expectError(await callAs(notAdmin, "/api/admin/ops/status"), 403, "forbidden");
    await expectError(await call("/api/admin/ops/run-scheduled", post), 401, "missing_token");
    await expectError(await callAs(user, "/api/admin/ops/run-scheduled", post), 401, "invalid_token");
    await expectError(await callAs(notAdmin, "/api/admin/ops/run-scheduled", post), 403, "forbidden");
  });

  it("reports what is stored and what waits, and runs the scheduled work on demand", async () => {
    const id = await seedSession("ops-status-user", Date.now() - 60_000);
    const { status, body, headers } = await adminGet<OpsStatus>("/api/admin/ops/status");
    expect(status).toBe(200);
    expect(headers.get("Cache-Control")).toBe("no-store");
    expect(body).toMatchObject({
      pendingDeletionRequests: [],
      sessionsBeingErased: 0,
      keysAwaitingRewrap: 0,
      storedSessions: 1,
      currentMasterKeyId: expect.stringMatching(/^[0-9a-f]{16}$/),
    });
    expect(body.storedBytes).toBeGreaterThan(0);

    const run = await adminFetch("/api/admin/ops/run-scheduled", { method: "POST", headers: { "Content-Type": "application/json" } });
    expect(run.status).toBe(200);
    expect(await run.json()).toMatchObject({ ok: true, report: { deletionRequestsCompleted: 0, retentionErased: 0 } });
    expect((await adminFetch(`/api/admin/sessions/${id}`)).status).toBe(200);
  });
});
