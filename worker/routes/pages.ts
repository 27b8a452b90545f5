import { Hono } from "hono";
import type { AppEnv } from "../context";

/**
 * Admin pages get a strict CSP: scripts only from our origin, and the player's iframe stays
 * script-less (rrweb's sandbox), so a forged recording can never run code in an admin's browser.
 */
const ADMIN_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' blob:",
  "child-src 'self' blob:",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

async function asset(env: Env, url: string, path: string): Promise<Response> {
  return env.ASSETS.fetch(new Request(new URL(path, url)));
}

function withHeaders(res: Response, headers: Record<string, string>): Response {
  const out = new Response(res.body, res);
  for (const [k, v] of Object.entries(headers)) out.headers.set(k, v);
  return out;
}

/** Pages and static assets: the admin SPA, the recorder bundle, the demo page. */
export const pageRoutes = new Hono<AppEnv>();

pageRoutes.get("/", (c) => c.redirect("/admin/sessions"));

pageRoutes.get("/recorder.js", async (c) => {
  const res = await asset(c.env, c.req.url, "/recorder.js");
  // Host apps import this cross-origin as an ES module, so it needs CORS.
  return withHeaders(res, { "Access-Control-Allow-Origin": "*", "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, max-age=300" });
});

pageRoutes.get("/demo", (c) => c.redirect("/demo/"));
pageRoutes.get("/demo/*", async (c) => {
  const res = await asset(c.env, c.req.url, new URL(c.req.url).pathname);
  if (res.status !== 404) return res;
  return asset(c.env, c.req.url, "/demo/");
});

pageRoutes.get("/admin", (c) => c.redirect("/admin/sessions"));
pageRoutes.get("/admin/*", async (c) => {
  const path = new URL(c.req.url).pathname;
  const security = { "Content-Security-Policy": ADMIN_CSP, "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer" };
  if (path.startsWith("/admin/assets/")) return withHeaders(await asset(c.env, c.req.url, path), security);
  // Every other admin path is a client-side route of the SPA.
  return withHeaders(await asset(c.env, c.req.url, "/admin/"), { ...security, "Cache-Control": "no-store" });
});

pageRoutes.all("*", (c) => asset(c.env, c.req.url, new URL(c.req.url).pathname));
