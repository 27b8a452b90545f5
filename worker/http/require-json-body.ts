import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";
import { ApiError } from "../errors";

/** Methods that change something; GET, HEAD and OPTIONS never do on the admin API. */
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** What a browser says of a request its own page (or the user, typing a URL) made. */
const SAME_SITE_FETCH = new Set(["same-origin", "none"]);
const JSON_MEDIA_TYPE = /^application\/json\s*(;|$)/i;

/**
 * CSRF guard for routes that change something. Behind Cloudflare Access the browser authenticates
 * every request by cookie, so a cross-site page could fire an admin POST (a form needs no body).
 * A form can send only form and text content types, and a cross-site `fetch` with JSON, another
 * method (DELETE) or any header of its own needs a CORS preflight, which the admin API never grants.
 * So: every POST/PUT/PATCH must say `Content-Type: application/json` (415 otherwise), and a request
 * a browser marks as cross-site (`Sec-Fetch-Site`, or an `Origin` other than ours) gets 403.
 */
export const requireJsonBody = () =>
  createMiddleware<AppEnv>(async function requireJsonBody(c, next) {
    const method = c.req.method;
    if (!UNSAFE_METHODS.has(method)) return next();
    const site = c.req.header("Sec-Fetch-Site");
    const origin = c.req.header("Origin");
    if ((site !== undefined && !SAME_SITE_FETCH.has(site)) || (origin !== undefined && origin !== new URL(c.req.url).origin)) {
      throw new ApiError(403, "cross_site_request", "Changes are accepted only from the admin UI's own origin");
    }
    // DELETE carries no body; a browser cannot send it cross-site without the preflight above.
    if (method !== "DELETE" && !JSON_MEDIA_TYPE.test(c.req.header("Content-Type") ?? "")) {
      throw new ApiError(415, "json_required", "Send the request as Content-Type: application/json (a body of {} when there is nothing to say)");
    }
    await next();
  });
