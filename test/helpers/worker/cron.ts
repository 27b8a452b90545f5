import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import wranglerToml from "../../../wrangler.toml?raw";
import worker from "../../../worker/index";

/** The cron expression wrangler.toml schedules, so tests run the trigger that production runs. */
export const CRON = /^\s*crons\s*=\s*\[\s*"([^"]+)"/m.exec(wranglerToml)?.[1] ?? "";
if (!CRON) throw new Error("wrangler.toml has no [triggers] crons entry");

/**
 * Runs the worker's scheduled handler the way Cloudflare does (its controller, then the
 * execution context's waitUntil work), with the test env plus `overrides`.
 */
export async function runCron(scheduledTime = Date.now(), overrides: Partial<Env> = {}): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime, cron: CRON }), { ...env, ...overrides }, ctx);
  await waitOnExecutionContext(ctx);
}
