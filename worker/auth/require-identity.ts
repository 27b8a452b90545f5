import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";
import { ApiError } from "../errors";
import { bearerToken, isAdminClaims, verifyAdminToken, verifyRecordingToken } from "./verify-token";
import { isAdminAccessIdentity, verifyAccessAssertion } from "./cf-access";

const notAnAdmin = () => new ApiError(403, "forbidden", "This needs an admin");

/** Requires a valid recording token; puts the caller on `c.var.identity`. Admin tokens get 401. */
export const requireUser = () =>
  createMiddleware<AppEnv>(async function requireUser(c, next) {
    const claims = await verifyRecordingToken(bearerToken(c.req.header("Authorization")), c.get("config"));
    c.set("identity", { userId: claims.sub, via: "token" });
    await next();
  });

/**
 * Requires an admin: a Cloudflare Access assertion (when Access is configured) whose e-mail or
 * subject is in REPLAY_ADMIN_USERS, or an admin token the server deems an admin's. A recording
 * token, or none, gets 401; a valid identity that is not an admin's gets 403; neither gets data.
 */
export const requireAdmin = () =>
  createMiddleware<AppEnv>(async function requireAdmin(c, next) {
    const config = c.get("config");
    const assertion = c.req.header("Cf-Access-Jwt-Assertion");
    const authorization = c.req.header("Authorization");
    if (assertion && config.cfAccess) {
      const who = await verifyAccessAssertion(assertion, config);
      if (who && isAdminAccessIdentity(who, config)) {
        c.set("identity", { userId: who.email ?? who.sub, via: "cf-access" });
        return next();
      }
      // Access fronts every request, so an admin token is still the way in for anyone it does not list.
      if (!authorization) {
        if (who) throw notAnAdmin();
        throw new ApiError(401, "invalid_token", "The Access assertion is not valid");
      }
    }
    const claims = await verifyAdminToken(bearerToken(authorization), config);
    if (!isAdminClaims(claims, config)) throw notAnAdmin();
    c.set("identity", { userId: claims.sub, via: "token" });
    await next();
  });
