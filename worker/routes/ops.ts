import { Hono } from "hono";
import type { AppEnv } from "../context";
import { database } from "../db/client";
import { readOpsStatus } from "../db/ops-status";
import { masterKeyId } from "../crypto/session-key";
import { runScheduledWork } from "../lifecycle/scheduled";
import { log } from "../log";

/** Operator endpoints, mounted at /api/admin/ops behind the admin check: run the cron's work now, see lifecycle status. */
export const opsRoutes = new Hono<AppEnv>();

opsRoutes.post("/run-scheduled", async (c) => {
  log.info("scheduled work run by an admin", { via: c.get("identity").via });
  return c.json({ ok: true, report: await runScheduledWork(c.env, Date.now()) });
});

opsRoutes.get("/status", async (c) => {
  const current = await masterKeyId(c.get("config").masterKeys.current);
  const status = await readOpsStatus(database(c.env.DB), current);
  return c.json({ ...status, currentMasterKeyId: current }, 200, { "Cache-Control": "no-store" });
});
