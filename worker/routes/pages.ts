import { type Context, Hono } from "hono";
import { secureHeaders, type ContentSecurityPolicyOptionHandler } from "hono/secure-headers";
import type { AppEnv } from "../context";
import { SHARE_RESPONSE_HEADERS } from "./share";

/** A CSP source for `path` on this request's origin: `'self'` cannot be narrowed to a path. */
const ownPath =
  (path: string): ContentSecurityPolicyOptionHandler =>
  (c) =>
    new URL(c.req.url).origin + path;
/** The same for this origin's WebSockets: `wss:` behind https, `ws:` on a local http origin. */
const ownSocketPath =
  (path: string): ContentSecurityPolicyOptionHandler =>
  (c) => {
    const url = new URL(c.req.url);
    return `${url.protocol === "https:" ? "wss:" : "ws:"}//${url.host}${path}`;
  };

/** Hono does not export its CSP options type. */
type Policy = NonNullable<NonNullable<Parameters<typeof secureHeaders>[0]>["contentSecurityPolicy"]>;

/**
 * Hono's secure headers with a CSP that allows nothing but what `allowed` lists: no plugins, no
 * <base>, no form targets, never framed (the pages' forms are all handled by script).
 */
const pageHeaders = (allowed: Policy) =>
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'none'"],
      objectSrc: ["'none'"],
      baseUri: ["'none'"],
      formAction: ["'none'"],
      frameAncestors: ["'none'"],
      ...allowed,
    },
    xFrameOptions: "DENY",
  });

/**
 * A page with the replay player: scripts and styles only from its own assets under `assets`, and
 * connections only to `connect`. rrweb-player rebuilds a replay in an about:blank iframe
 * (sandboxed, never scripts), which inherits this policy: so a URL that the replay's rewriting
 * (admin-ui/src/replay/neutralize-urls.ts) missed still cannot be fetched from a replay, same
 * origin included (issue 9 §5). Styles keep 'unsafe-inline' because the replay rebuilds the
 * recorded page's <style> elements and style attributes.
 */
const playerPageHeaders = (assets: string, connect: ContentSecurityPolicyOptionHandler[]) =>
  pageHeaders({
    scriptSrc: [ownPath(assets)],
    styleSrc: [ownPath(assets), "'unsafe-inline'"],
    imgSrc: ["data:"],
    fontSrc: ["data:"],
    connectSrc: connect,
    mediaSrc: ["'none'"],
    frameSrc: ["'none'"],
    workerSrc: ["'none'"],
    manifestSrc: ["'none'"],
  });

/** The admin pages: they connect only to the admin API (its live sockets included, contract §9) and the signed chunk URLs. */
const adminHeaders = playerPageHeaders("/admin/assets/", [ownPath("/api/admin/"), ownPath("/api/chunks/"), ownSocketPath("/api/admin/")]);

/**
 * The share page (contract §10): the same player and sandbox, but it can reach only the share API
 * and the signed chunk URLs, never an admin route. Its URL holds the token, so the page is never
 * indexed, cached or named in a Referer (Hono's secureHeaders sends Referrer-Policy: no-referrer).
 */
const shareHeaders = playerPageHeaders("/share/assets/", [ownPath("/api/share/"), ownPath("/api/chunks/")]);

/**
 * The demo page shares the admin UI's origin, so it gets a policy too. It records itself with
 * /recorder.js, which uploads to this origin and compresses in a Web Worker started from a Blob URL.
 */
const demoHeaders = pageHeaders({
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  workerSrc: ["blob:"],
});

/** A static asset, as a response whose headers can still be changed (the binding's are immutable). */
async function asset(env: Env, url: string, path: string, headers: Record<string, string> = {}): Promise<Response> {
  const res = await env.ASSETS.fetch(new Request(new URL(path, url)));
  const out = new Response(res.body, res);
  for (const [k, v] of Object.entries(headers)) out.headers.set(k, v);
  return out;
}

/** A one-page app under `base`: its built files under `assets/` as they are, any other path its page with `pageHeaders`. */
function serveApp(c: Context<AppEnv>, base: string, pageHeaders: Record<string, string>): Promise<Response> {
  const path = new URL(c.req.url).pathname;
  if (path.startsWith(`${base}assets/`)) return asset(c.env, c.req.url, path);
  return asset(c.env, c.req.url, base, pageHeaders);
}

/** Pages and static assets: the admin SPA, the share page, the recorder bundle, the demo page. */
export const pageRoutes = new Hono<AppEnv>();

pageRoutes.get("/", (c) => c.redirect("/admin/sessions"));

pageRoutes.get("/recorder.js", (c) =>
  // Host apps import this cross-origin as an ES module, so it needs CORS.
  asset(c.env, c.req.url, "/recorder.js", {
    "Access-Control-Allow-Origin": "*",
    "Content-Type": "text/javascript; charset=utf-8",
    "Cache-Control": "public, max-age=300",
  }),
);

pageRoutes.get("/demo", (c) => c.redirect("/demo/"));
pageRoutes.use("/demo/*", demoHeaders);
pageRoutes.get("/demo/*", async (c) => {
  const res = await asset(c.env, c.req.url, new URL(c.req.url).pathname);
  if (res.status !== 404) return res;
  return asset(c.env, c.req.url, "/demo/");
});

pageRoutes.get("/admin", (c) => c.redirect("/admin/sessions"));
pageRoutes.use("/admin/*", adminHeaders);
// Every other admin path is a client-side route of the SPA.
pageRoutes.get("/admin/*", (c) => serveApp(c, "/admin/", { "Cache-Control": "no-store" }));

pageRoutes.use("/share/*", shareHeaders);
// Any other path is a share link: one page, which reads its token from the address.
pageRoutes.get("/share/*", (c) => serveApp(c, "/share/", { ...SHARE_RESPONSE_HEADERS }));

pageRoutes.all("*", (c) => asset(c.env, c.req.url, new URL(c.req.url).pathname));
