import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../context";
import { ApiError } from "../errors";
import { bearerToken, isAdminClaims, verifyToken } from "./verify-token";
import { verifyAccessAssertion } from "./cf-access";

/** Requires a valid recording token; puts the caller on `c.var.identity`. */
export const requireUser = () =>
  createMiddleware<AppEnv>(async function requireUser(c, next) {
    const config = c.get("config");
    const payload = await verifyToken(bearerToken(c.req.header("Authorization")), config);
    c.set("identity", { userId: payload.sub, via: "token" });
    await next();
  });

/**
 * Requires an admin: a valid token the server deems admin, or a valid Cloudflare Access assertion
 * when Access is configured. Others get 401 (no identity) or 403 (not an admin) and no data.
 */
export const requireAdmin = () =>
  createMiddleware<AppEnv>(async function requireAdmin(c, next) {
    const config = c.get("config");
    const assertion = c.req.header("Cf-Access-Jwt-Assertion");
    const authorization = c.req.header("Authorization");
    if (assertion && config.cfAccess) {
      // A valid assertion is enough (contract §2: "as well"), whatever else the request carries;
      // an invalid one falls back to the bearer token, if any.
      const who = await verifyAccessAssertion(assertion, config);
      if (who) {
        c.set("identity", { userId: who, via: "cf-access" });
        return next();
      }
      if (!authorization) throw new ApiError(401, "invalid_token", "The Access assertion is not valid");
    }
    const payload = await verifyToken(bearerToken(authorization), config);
    if (!isAdminClaims(payload, config)) throw new ApiError(403, "forbidden", "This needs an admin");
    c.set("identity", { userId: payload.sub, via: "token" });
    await next();
  });
