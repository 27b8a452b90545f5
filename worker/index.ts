import { app } from "./app";
import { runScheduledWork } from "./lifecycle/scheduled";

export default {
  fetch: app.fetch,
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(runScheduledWork(env, controller.scheduledTime));
  },
} satisfies ExportedHandler<Env>;
