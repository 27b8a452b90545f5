import { app } from "./app";
import { runScheduledWork } from "./lifecycle/scheduled";
import { describeError, log } from "./log";

// Durable Object classes (wrangler.toml binds them as SESSIONS and LIVE_DIRECTORY).
export { SessionObject } from "./session/session-object";
export { LiveDirectory } from "./live/live-directory";

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(
      runScheduledWork(env, controller.scheduledTime).catch((err: unknown) => {
        // Every step is resumable, so the next run picks up; the log says what stopped this one.
        log.error("scheduled work failed", { cron: controller.cron, error: describeError(err) });
        throw err;
      }),
    );
  },
} satisfies ExportedHandler<Env>;
