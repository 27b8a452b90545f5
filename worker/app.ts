import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "./context";
import { ApiError, errorBody } from "./errors";
import { ConfigError } from "./config";
import { describeError, log, loggablePath } from "./log";
import { withConfig } from "./http/with-config";
import { fenceDevMode } from "./http/dev-fence";
import { replayCors } from "./http/cors";
import { replayRoutes } from "./routes/replay";
import { adminRoutes } from "./routes/admin";
import { liveRoutes } from "./routes/live";
import { chunkRoutes } from "./routes/chunks";
import { devRoutes } from "./routes/dev";
import { signInRoutes } from "./routes/sign-in";
import { pageRoutes } from "./routes/pages";
import { shareRoutes } from "./routes/share";

/** The whole HTTP surface: API sub-apps, signed chunk reads, pages and static assets. */
export const app = new Hono<AppEnv>();

app.use("*", fenceDevMode());
app.use("/api/*", withConfig());
app.use("/api/replay/*", replayCors());
app.route("/api/replay", replayRoutes);
app.route("/api/admin/sign-in", signInRoutes);
// Before the admin sub-app, whose bearer-token check would refuse the ticket-only upgrades.
app.route("/api/admin", liveRoutes);
app.route("/api/admin", adminRoutes);
app.route("/api/chunks", chunkRoutes);
app.route("/api/share", shareRoutes);
app.route("/api/dev", devRoutes);
app.all("/api/*", () => {
  throw new ApiError(404, "not_found", "No such API route");
});
app.route("/", pageRoutes);

app.onError((err, c) => {
  if (err instanceof ConfigError) {
    log.error("bad configuration", { code: err.code, detail: err.message });
    return c.json(errorBody(err.code, err.message), 500);
  }
  if (err instanceof ApiError) {
    return c.json(errorBody(err.code, err.message), err.status, err.headers);
  }
  if (err instanceof HTTPException) {
    // Hono's validator throws these (400) for a JSON body it cannot parse; nothing else in the app does.
    return c.json(errorBody("bad_request", err.message || "Request refused"), err.status);
  }
  // Unknown errors are logged with what is safe to log and answered without internals.
  log.error("unhandled error", { path: loggablePath(new URL(c.req.url).pathname), method: c.req.method, error: describeError(err) });
  return c.json(errorBody("internal_error", "Something went wrong on our side"), 500);
});
